package io.starling.connect;

/**
 * The node's rules for accepting a CONNECT (mosquitto.conf options of the same names); who may
 * connect at all is the listener's {@link io.starling.auth.SecurityRules}.
 *
 * @param maxKeepalive               {@code max_keepalive}
 * @param clientidPrefixes           {@code clientid_prefixes}, null when unset
 * @param persistentClientExpiration seconds, {@link io.starling.session.ConnectRequest#NEVER} when unset
 * @param maxTopicAlias              the listener's {@code max_topic_alias}
 */
public record ConnectPolicy(
        int maxKeepalive,
        String clientidPrefixes,
        boolean useUsernameAsClientid,
        long persistentClientExpiration,
        int maxTopicAlias) {
}
