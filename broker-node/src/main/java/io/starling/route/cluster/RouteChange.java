package io.starling.route.cluster;

/**
 * One change to a node's routes: this node now has (or no longer has) a subscriber to
 * {@code filter}. A shared subscription's filter keeps its {@code $share/group/} prefix, so each
 * (group, filter) is a route of its own.
 */
public record RouteChange(boolean added, String filter) implements ClusterMessage {
}
