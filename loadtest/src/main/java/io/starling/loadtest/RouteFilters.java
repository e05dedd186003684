package io.starling.loadtest;

import java.util.Locale;

/**
 * The topic filters of {@link RouteTableBench}: N distinct filters shaped like a device fleet's
 * subscriptions, and topics that match them, both computed from an index so that nothing random
 * has to be kept. Out of every 20 filters:
 * <ul>
 *   <li>17 are a device's back end listening to its commands: {@code devices/<id>/commands/#}</li>
 *   <li>2 are a site's gateway status with a single-level wildcard: {@code sites/<id>/+/status}</li>
 *   <li>1 is a shared subscription of a worker group: {@code $share/workers-<g>/jobs/<id>/#}</li>
 * </ul>
 * and one in every 10 000 starts with a wildcard ({@code +/alerts/<id>}), as a few dashboards do.
 * Ids are 8 hex digits of a scrambled index, so neighbouring filters do not share prefixes more
 * than real device ids would.
 */
final class RouteFilters {

    /** Kinds of filter, in the order {@link #kind} hands them out. */
    enum Kind { DEVICE, SITE, SHARED, LEADING_WILDCARD }

    private RouteFilters() {
    }

    static Kind kind(int index) {
        if (index % 10_000 == 9_999) {
            return Kind.LEADING_WILDCARD;
        }
        int slot = index % 20;
        return slot < 17 ? Kind.DEVICE : slot < 19 ? Kind.SITE : Kind.SHARED;
    }

    /** The filter number {@code index} (0 ≤ index < 2^31); distinct indexes give distinct filters. */
    static String filter(int index) {
        String id = id(index);
        switch (kind(index)) {
            case DEVICE:
                return "devices/" + id + "/commands/#";
            case SITE:
                return "sites/" + id + "/+/status";
            case SHARED:
                return "$share/workers-" + (index % 7) + "/jobs/" + id + "/#";
            default:
                return "+/alerts/" + id;
        }
    }

    /** A topic that filter number {@code index} matches (shared filters: through the filter part). */
    static String matchingTopic(int index) {
        String id = id(index);
        switch (kind(index)) {
            case DEVICE:
                return "devices/" + id + "/commands/reboot";
            case SITE:
                return "sites/" + id + "/gateway-1/status";
            case SHARED:
                return "jobs/" + id + "/new";
            default:
                return "building-3/alerts/" + id;
        }
    }

    /** A topic shaped like the others that no filter matches: a device's telemetry nobody reads. */
    static String unmatchedTopic(int index) {
        return "devices/" + id(index) + "/telemetry";
    }

    /**
     * 8 hex digits, a bijection of the index (multiplication by an odd constant modulo 2^32), so
     * distinct indexes give distinct ids.
     */
    static String id(int index) {
        int scrambled = index * 0x9E3779B1;
        return String.format(Locale.ROOT, "%08x", scrambled);
    }
}
