package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The first dynamic-security file, exactly as {@code mosquitto_ctrl dynsec init FILE ADMIN PASSWORD}
 * writes it: one client ADMIN (text name "Dynsec admin user") with the role {@code admin}, which may
 * administer the plugin through {@code $CONTROL/dynamic-security/#}, read {@code $SYS/#} and
 * everything else but not publish to normal topics; default access as {@link DefaultAccess#INIT}.
 * Its members come in {@code mosquitto_ctrl}'s order ({@code clients}, {@code roles},
 * {@code defaultACLAccess}), and it spells {@code "textName"}, which the plugin reads as
 * {@code textname} because member names match in any case.
 */
public final class DynsecInit {

    /** The role {@code mosquitto_ctrl dynsec init} gives the admin client. */
    public static final String ADMIN_ROLE = "admin";
    private static final String CONTROL = "$CONTROL/dynamic-security/#";

    private DynsecInit() {
    }

    /** The file content for {@code admin} with {@code password}, salted from {@code random}. */
    public static String initialFile(String admin, String password, SecureRandom random) {
        return initialFile(admin, PasswordHash.create(password.getBytes(StandardCharsets.UTF_8), random));
    }

    /** The file content for {@code admin} with an already computed password hash. */
    public static String initialFile(String admin, PasswordHash password) {
        ObjectNode root = Json.object();
        ObjectNode client = root.putArray("clients").addObject()
                .put("username", admin)
                .put("textName", "Dynsec admin user")
                .put("password", password.hashBase64())
                .put("salt", password.saltBase64())
                .put("iterations", password.iterations());
        client.putArray("roles").addObject().put("rolename", ADMIN_ROLE);
        ObjectNode role = root.putArray("roles").addObject().put("rolename", ADMIN_ROLE);
        ArrayNode acls = role.putArray("acls");
        acl(acls, AclType.PUBLISH_CLIENT_SEND, CONTROL);
        acl(acls, AclType.PUBLISH_CLIENT_RECEIVE, CONTROL);
        acl(acls, AclType.SUBSCRIBE_PATTERN, CONTROL);
        acl(acls, AclType.PUBLISH_CLIENT_RECEIVE, "$SYS/#");
        acl(acls, AclType.SUBSCRIBE_PATTERN, "$SYS/#");
        acl(acls, AclType.PUBLISH_CLIENT_RECEIVE, "#");
        acl(acls, AclType.SUBSCRIBE_PATTERN, "#");
        acl(acls, AclType.UNSUBSCRIBE_PATTERN, "#");
        DefaultAccess d = DefaultAccess.INIT;
        root.putObject("defaultACLAccess")
                .put(DefaultAccess.PUBLISH_CLIENT_SEND, d.publishClientSend())
                .put(DefaultAccess.PUBLISH_CLIENT_RECEIVE, d.publishClientReceive())
                .put(DefaultAccess.SUBSCRIBE, d.subscribe())
                .put(DefaultAccess.UNSUBSCRIBE, d.unsubscribe());
        return CJsonPrinter.formatted(root);
    }

    private static void acl(ArrayNode acls, AclType type, String topic) {
        acls.addObject().put("acltype", type.jsonName()).put("topic", topic).put("allow", true);
    }
}
