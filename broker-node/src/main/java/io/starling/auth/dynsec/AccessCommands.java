package io.starling.auth.dynsec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Locale;

/** {@code getDefaultACLAccess} and {@code setDefaultACLAccess}. */
final class AccessCommands {

    private AccessCommands() {
    }

    static void get(Batch b, String corr) {
        DefaultAccess d = b.state.defaultAccess();
        ArrayNode acls = b.answer("getDefaultACLAccess", corr).putArray("acls");
        acls.addObject().put("acltype", DefaultAccess.PUBLISH_CLIENT_SEND).put("allow", d.publishClientSend());
        acls.addObject().put("acltype", DefaultAccess.PUBLISH_CLIENT_RECEIVE).put("allow", d.publishClientReceive());
        acls.addObject().put("acltype", DefaultAccess.SUBSCRIBE).put("allow", d.subscribe());
        acls.addObject().put("acltype", DefaultAccess.UNSUBSCRIBE).put("allow", d.unsubscribe());
    }

    /** Entries need an acltype string and an allow boolean; unknown kinds are ignored. */
    static void set(Batch b, JsonNode cmd, String corr) {
        String c = "setDefaultACLAccess";
        JsonNode list = Json.get(cmd, "acls");
        if (list == null || !list.isArray()) {
            b.reply(c, "Missing/invalid actions array", corr);
            return;
        }
        DefaultAccess d = b.state.defaultAccess();
        for (JsonNode entry : list) {
            String type = Json.stringOrNull(entry, "acltype");
            JsonNode allowNode = Json.get(entry, "allow");
            if (type == null || allowNode == null || !allowNode.isBoolean()) {
                continue;
            }
            boolean allow = allowNode.booleanValue();
            switch (type.toLowerCase(Locale.ROOT)) {
                case "publishclientsend" -> d = new DefaultAccess(allow, d.publishClientReceive(), d.subscribe(),
                        d.unsubscribe());
                case "publishclientreceive" -> d = new DefaultAccess(d.publishClientSend(), allow, d.subscribe(),
                        d.unsubscribe());
                case "subscribe" -> d = new DefaultAccess(d.publishClientSend(), d.publishClientReceive(), allow,
                        d.unsubscribe());
                case "unsubscribe" -> d = new DefaultAccess(d.publishClientSend(), d.publishClientReceive(),
                        d.subscribe(), allow);
                default -> {
                    // Mosquitto ignores other kinds
                }
            }
        }
        b.state = b.state.withDefaultAccess(d);
        b.save();
        b.reply(c, null, corr);
    }
}
