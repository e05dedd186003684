package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleCommandsTest {

    private final Control control = new Control();

    @Test
    void aclsAreKeptByTypeThenPriority() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r\",\"acls\":["
                + "{\"acltype\":\"subscribePattern\",\"topic\":\"s/#\",\"allow\":true},"
                + "{\"acltype\":\"publishClientSend\",\"topic\":\"a\",\"priority\":1},"
                + "{\"acltype\":\"PUBLISHCLIENTSEND\",\"topic\":\"b\",\"priority\":5,\"allow\":true},"
                + "{\"acltype\":\"bogus\",\"topic\":\"x\"}]}");
        assertEquals("{\"rolename\":\"r\",\"acls\":["
                + "{\"acltype\":\"publishClientSend\",\"topic\":\"b\",\"priority\":5,\"allow\":true},"
                + "{\"acltype\":\"publishClientSend\",\"topic\":\"a\",\"priority\":1,\"allow\":false},"
                + "{\"acltype\":\"subscribePattern\",\"topic\":\"s/#\",\"priority\":0,\"allow\":true}]}",
                control.one("{\"command\":\"getRole\",\"rolename\":\"r\"}").get("data").get("role").toString());
    }

    @Test
    void addAndRemoveAclCheckTheirArguments() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r\"}");
        String add = "{\"command\":\"addRoleACL\",\"rolename\":\"r\"";
        assertEquals("Invalid/missing acltype", control.error(add + "}"));
        assertEquals("Unknown acltype", control.error(add + ",\"acltype\":\"x\"}"));
        assertEquals("Invalid/missing topic", control.error(add + ",\"acltype\":\"subscribeLiteral\"}"));
        assertEquals("Invalid ACL topic", control.error(add + ",\"acltype\":\"subscribeLiteral\",\"topic\":\"a/#/b\"}"));
        assertNull(control.error(add + ",\"acltype\":\"subscribeLiteral\",\"topic\":\"a/+\"}"));
        assertEquals("ACL with this topic already exists",
                control.error(add + ",\"acltype\":\"subscribeLiteral\",\"topic\":\"a/+\"}"));
        String remove = "{\"command\":\"removeRoleACL\",\"rolename\":\"r\",\"acltype\":\"subscribeLiteral\"";
        assertEquals("ACL not found", control.error(remove + ",\"topic\":\"b\"}"));
        assertNull(control.error(remove + ",\"topic\":\"a/+\"}"));
        assertEquals("Role not found", control.error("{\"command\":\"addRoleACL\",\"rolename\":\"x\"}"));
        assertEquals("Role does not exist", control.error("{\"command\":\"modifyRole\",\"rolename\":\"x\"}"));
    }

    @Test
    void roleChangesKickEveryoneHoldingTheRole() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r\"}",
                "{\"command\":\"createClient\",\"username\":\"direct\",\"roles\":[{\"rolename\":\"r\"}]}",
                "{\"command\":\"createClient\",\"username\":\"member\"}",
                "{\"command\":\"createGroup\",\"groupname\":\"g\",\"roles\":[{\"rolename\":\"r\"}]}",
                "{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"member\"}");
        control.send("{\"command\":\"addRoleACL\",\"rolename\":\"r\",\"acltype\":\"publishClientSend\",\"topic\":\"t\"}");
        assertEquals(Set.of("direct", "member"), control.last.kicks().usernames());
        control.send("{\"command\":\"deleteRole\",\"rolename\":\"r\"}");
        assertEquals(Set.of("direct", "member"), control.last.kicks().usernames());
        assertEquals("[]", control.state.client("direct").roles().toString());
        assertEquals("[]", control.state.group("g").roles().toString());
    }

    @Test
    void listRolesCountsAll() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"b\"}", "{\"command\":\"createRole\",\"rolename\":\"a\"}");
        assertEquals("{\"totalCount\":2,\"roles\":[\"a\",\"b\"]}",
                control.one("{\"command\":\"listRoles\"}").get("data").toString());
    }

    @Test
    void modifyRoleReplacesAclsWithoutDisconnecting() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r\",\"acls\":[{\"acltype\":\"publishClientSend\","
                        + "\"topic\":\"a\"}]}",
                "{\"command\":\"createClient\",\"username\":\"u\",\"roles\":[{\"rolename\":\"r\"}]}");
        assertNull(control.error("{\"command\":\"modifyRole\",\"rolename\":\"r\",\"acls\":[]}"));
        assertEquals(0, control.state.role("r").acls().size());
        assertEquals(Kicks.NONE, control.last.kicks());
    }
}
