package io.starling.config;

import java.util.Set;

/**
 * Mosquitto 2.0 options Starling does not (yet) implement. A configuration using one is refused
 * rather than half-obeyed: most concern security (authentication, access control, TLS) or
 * bridging, where running without them would silently open the broker.
 */
final class UnsupportedOptions {

    private static final Set<String> NAMES = Set.of(
            // authentication and access control
            "psk_file", "psk_hint", "auth_plugin", "global_plugin",
            "auth_plugin_deny_special_chars", "allow_zero_length_clientid", "auto_id_prefix",
            "check_retain_source", "enable_control_api",
            // TLS
            "dhparamfile", "tls_engine", "tls_engine_kpass_sha1", "tls_keyform", "disable_client_cert_date_checks",
            // listeners
            "bind_interface", "http_dir", "max_qos", "maximum_qos",
            "max_topic_alias_broker", "mount_point", "socket_domain", "websockets_log_level",
            "websockets_origin", "accept_protocol_versions",
            // general
            "allow_duplicate_messages", "log_facility", "max_inflight_bytes", "memory_limit",
            "upgrade_outgoing_qos", "retained_persistence", "retry_interval",
            "global_max_clients", "global_max_connections",
            // bridges
            "connection", "address", "addresses", "bridge_attempt_unsubscribe", "bridge_bind_address",
            "bridge_max_packet_size", "bridge_max_topic_alias", "bridge_outgoing_retain",
            "bridge_protocol_version", "bridge_receive_maximum", "bridge_session_expiry_interval",
            "bridge_tcp_keepalive", "bridge_tcp_user_timeout", "cleansession", "local_cleansession",
            "keepalive_interval", "idle_timeout", "local_clientid", "local_password", "local_username",
            "notifications", "notifications_local_only", "notification_topic", "remote_clientid",
            "clientid", "remote_password", "password", "remote_username", "username",
            "restart_timeout", "round_robin", "start_type", "threshold", "topic", "try_private",
            "bridge_alpn", "bridge_cafile", "bridge_capath", "bridge_certfile", "bridge_ciphers",
            "bridge_ciphers_tls1.3", "bridge_identity", "bridge_insecure", "bridge_keyfile",
            "bridge_psk", "bridge_require_ocsp", "bridge_tls_version");

    private UnsupportedOptions() {
    }

    /** Whether {@code option} is a Mosquitto option Starling refuses. */
    static boolean contains(String option) {
        return NAMES.contains(option) || option.startsWith("auth_opt_") || option.startsWith("plugin_opt_");
    }
}
