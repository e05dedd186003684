package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.Access;
import org.junit.jupiter.api.Test;

class DynsecAuthorityTest {

    private final Control control = new Control();

    private boolean allows(String user, String topic, Access access) {
        return DynsecAuthority.allows(control.state, user, "cid", topic, access);
    }

    private void role(String name, String... acls) {
        control.send("{\"command\":\"createRole\",\"rolename\":\"" + name + "\",\"acls\":[" + String.join(",", acls)
                + "]}");
    }

    private static String acl(String type, String topic, int priority, boolean allow) {
        return "{\"acltype\":\"" + type + "\",\"topic\":\"" + topic + "\",\"priority\":" + priority
                + ",\"allow\":" + allow + "}";
    }

    @Test
    void higherPriorityClientRoleDecidesFirst() {
        role("deny", acl("publishClientSend", "a/#", 0, false));
        role("allow", acl("publishClientSend", "a/b", 0, true));
        control.send("{\"command\":\"createClient\",\"username\":\"u\",\"roles\":[{\"rolename\":\"deny\",\"priority\":1},"
                + "{\"rolename\":\"allow\"}]}");
        assertFalse(allows("u", "a/b", Access.WRITE));
        control.send("{\"command\":\"addClientRole\",\"username\":\"u\",\"rolename\":\"allow\",\"priority\":9}");
        assertFalse(allows("u", "a/b", Access.WRITE)); // already had it: "Internal error", nothing changed
        control.send("{\"command\":\"removeClientRole\",\"username\":\"u\",\"rolename\":\"allow\"}",
                "{\"command\":\"addClientRole\",\"username\":\"u\",\"rolename\":\"allow\",\"priority\":9}");
        assertTrue(allows("u", "a/b", Access.WRITE));
        assertFalse(allows("u", "a/c", Access.WRITE));
    }

    @Test
    void aclPriorityWithinARoleDecides() {
        role("r", acl("publishClientReceive", "#", 0, true), acl("publishClientReceive", "secret/#", 5, false));
        control.send("{\"command\":\"createClient\",\"username\":\"u\",\"roles\":[{\"rolename\":\"r\"}]}");
        assertFalse(allows("u", "secret/x", Access.READ));
        assertTrue(allows("u", "public", Access.READ));
        assertFalse(allows("u", "$SYS/x", Access.READ)); // '#' does not match $-topics; default denies
    }

    @Test
    void clientRolesComeBeforeGroupRoles() {
        role("deny", acl("subscribePattern", "x/#", 0, false));
        role("allow", acl("subscribeLiteral", "x/y", 0, true));
        control.send("{\"command\":\"createGroup\",\"groupname\":\"g\",\"roles\":[{\"rolename\":\"allow\"}]}",
                "{\"command\":\"createClient\",\"username\":\"u\",\"roles\":[{\"rolename\":\"deny\"}],"
                        + "\"groups\":[{\"groupname\":\"g\"}]}");
        assertFalse(allows("u", "x/y", Access.SUBSCRIBE));
        control.send("{\"command\":\"removeClientRole\",\"username\":\"u\",\"rolename\":\"deny\"}");
        assertTrue(allows("u", "x/y", Access.SUBSCRIBE));
        assertFalse(allows("u", "x/+", Access.SUBSCRIBE)); // literal only matches itself
    }

    @Test
    void defaultAccessAppliesWithoutMatchButNeverToControlTopics() {
        control.send("{\"command\":\"setDefaultACLAccess\",\"acls\":[{\"acltype\":\"publishClientSend\",\"allow\":true},"
                + "{\"acltype\":\"unsubscribe\",\"allow\":true}]}",
                "{\"command\":\"createClient\",\"username\":\"u\"}");
        assertTrue(allows("u", "any", Access.WRITE));
        assertFalse(allows("u", "$CONTROL/dynamic-security/v1", Access.WRITE));
        assertTrue(allows("u", "any", Access.UNSUBSCRIBE));
        assertFalse(allows("u", "any", Access.SUBSCRIBE));
        assertFalse(allows("unknown", "any", Access.WRITE)); // the plugin does not know this user
        assertTrue(allows(null, "any", Access.WRITE)); // anonymous without anonymous group: defaults
    }

    @Test
    void anonymousClientsUseTheAnonymousGroup() {
        role("r", acl("publishClientSend", "open/#", 0, true));
        control.send("{\"command\":\"createGroup\",\"groupname\":\"anon\",\"roles\":[{\"rolename\":\"r\"}]}",
                "{\"command\":\"setAnonymousGroup\",\"groupname\":\"anon\"}");
        assertTrue(allows(null, "open/1", Access.WRITE));
        assertFalse(allows(null, "closed", Access.WRITE));
        assertFalse(allows("someone", "open/1", Access.WRITE));
    }
}
