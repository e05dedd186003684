package io.starling.auth;

import io.starling.auth.dynsec.DynamicSecurity;
import io.starling.config.SecurityConfig;
import java.nio.file.Path;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every listener's security of one node, read at start and again on a reload (SIGHUP or
 * {@code starling-ctrl reload}). A reload is all or nothing: if any file is bad, the node keeps
 * every old rule and says which file and line is at fault.
 */
public final class NodeSecurity {

    private static final Logger log = LoggerFactory.getLogger(NodeSecurity.class);

    /** One per distinct configuration, so listeners sharing files share their rules. */
    private final Map<SecurityConfig, ListenerSecurity> byConfig = new LinkedHashMap<>();

    /** Dynamic security by its file: listeners naming the same file share one. */
    private final Map<Path, DynamicSecurity> dynsecByFile = new LinkedHashMap<>();

    /** Reads the files of every configuration; throws on the first bad one. */
    public static NodeSecurity load(List<SecurityConfig> configs) throws SecurityFileException {
        NodeSecurity security = new NodeSecurity();
        for (SecurityConfig config : configs) {
            if (!security.byConfig.containsKey(config)) {
                DynamicSecurity dynsec = null;
                if (config.dynsecFile() != null) {
                    dynsec = security.dynsecByFile.get(config.dynsecFile());
                    if (dynsec == null) {
                        dynsec = DynamicSecurity.load(config.dynsecFile());
                        security.dynsecByFile.put(config.dynsecFile(), dynsec);
                    }
                }
                security.byConfig.put(config, ListenerSecurity.load(config, dynsec));
            }
        }
        return security;
    }

    /** The node's dynamic-security configurations (usually none or one). */
    public Collection<DynamicSecurity> dynamicSecurity() {
        return dynsecByFile.values();
    }

    /** The rules of the listeners configured with {@code config}. */
    public ListenerSecurity of(SecurityConfig config) {
        ListenerSecurity security = byConfig.get(config);
        if (security == null) {
            throw new IllegalArgumentException("no listener has this security configuration: " + config);
        }
        return security;
    }

    /**
     * Reads every password and ACL file again and applies them if all are good. Returns null on
     * success, else the error (the old rules stay).
     */
    public synchronized SecurityFileException reload() {
        List<SecurityRules> fresh = new ArrayList<>();
        for (ListenerSecurity security : byConfig.values()) {
            try {
                fresh.add(security.reread());
            } catch (SecurityFileException e) {
                log.error("Reload refused, keeping the current password and ACL files: {}", e.getMessage());
                return e;
            }
        }
        int i = 0;
        for (ListenerSecurity security : byConfig.values()) {
            security.apply(fresh.get(i++));
        }
        log.info("Reloaded password and ACL files.");
        return null;
    }
}
