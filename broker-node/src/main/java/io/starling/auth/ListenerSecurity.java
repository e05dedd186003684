package io.starling.auth;

import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.config.SecurityConfig;

/**
 * The rules in force on the listeners sharing one {@link SecurityConfig} (every listener, unless
 * {@code per_listener_settings} is true). Operations read {@link #rules()} each time, so a reload
 * applies to the next CONNECT, PUBLISH or delivery without touching connected clients.
 */
public final class ListenerSecurity {

    private final SecurityConfig config;
    private final DynamicSecurity dynsec;
    private volatile SecurityRules rules;

    private ListenerSecurity(SecurityConfig config, DynamicSecurity dynsec, SecurityRules rules) {
        this.config = config;
        this.dynsec = dynsec;
        this.rules = rules;
    }

    /**
     * Reads the files of {@code config}; throws if one is bad.
     *
     * @param dynsec the node's dynamic security for {@code config}'s file, null when not enabled
     */
    static ListenerSecurity load(SecurityConfig config, DynamicSecurity dynsec) throws SecurityFileException {
        return new ListenerSecurity(config, dynsec, SecurityRules.load(config, dynsec));
    }

    public SecurityRules rules() {
        return rules;
    }

    public SecurityConfig config() {
        return config;
    }

    /** Reads the files again without applying them: see {@link NodeSecurity#reload()}. */
    SecurityRules reread() throws SecurityFileException {
        return SecurityRules.load(config, dynsec);
    }

    void apply(SecurityRules newRules) {
        rules = newRules;
    }
}
