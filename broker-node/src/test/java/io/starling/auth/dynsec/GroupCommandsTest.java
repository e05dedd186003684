package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCommandsTest {

    private final Control control = new Control();

    @BeforeEach
    void clientsAndRoles() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r\"}",
                "{\"command\":\"createClient\",\"username\":\"u1\"}",
                "{\"command\":\"createClient\",\"username\":\"u2\"}",
                "{\"command\":\"createGroup\",\"groupname\":\"g\",\"textname\":\"G\"}");
    }

    @Test
    void membersAndRolesShowInGetGroup() {
        control.send("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u2\",\"priority\":3}",
                "{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u1\"}",
                "{\"command\":\"addGroupRole\",\"groupname\":\"g\",\"rolename\":\"r\",\"priority\":1}");
        assertEquals("{\"groupname\":\"g\",\"textname\":\"G\",\"clients\":[{\"username\":\"u1\"},{\"username\":\"u2\"}],"
                + "\"roles\":[{\"rolename\":\"r\",\"priority\":1}]}",
                control.one("{\"command\":\"getGroup\",\"groupname\":\"g\"}").get("data").get("group").toString());
    }

    @Test
    void addGroupClientKicksTheUsernameWhateverTheOutcome() {
        assertEquals("Group not found",
                control.error("{\"command\":\"addGroupClient\",\"groupname\":\"nope\",\"username\":\"u1\"}"));
        assertEquals(Set.of("u1"), control.last.kicks().usernames());
        assertNull(control.error("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u1\"}"));
        assertEquals("Client is already in this group",
                control.error("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u1\"}"));
        assertEquals("Client not found",
                control.error("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"zz\"}"));
    }

    @Test
    void groupRoleChangesKickMembersAndAnonymousClientsOfTheAnonymousGroup() {
        control.send("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u1\"}",
                "{\"command\":\"setAnonymousGroup\",\"groupname\":\"g\"}");
        assertTrue(control.last.kicks().anonymous());
        control.send("{\"command\":\"addGroupRole\",\"groupname\":\"g\",\"rolename\":\"r\"}");
        assertEquals(new Kicks(Set.of("u1"), true), control.last.kicks());
        assertEquals("Group is already in this role",
                control.error("{\"command\":\"addGroupRole\",\"groupname\":\"g\",\"rolename\":\"r\"}"));
        assertEquals("{\"groupname\":\"g\"}",
                control.one("{\"command\":\"getAnonymousGroup\"}").get("data").get("group").toString());
    }

    @Test
    void deleteGroupRemovesMembershipAndAnonymousGroup() {
        control.send("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u1\"}",
                "{\"command\":\"setAnonymousGroup\",\"groupname\":\"g\"}",
                "{\"command\":\"deleteGroup\",\"groupname\":\"g\"}");
        assertEquals(new Kicks(Set.of("u1"), true), control.last.kicks());
        assertTrue(control.state.groupsOf("u1").isEmpty());
        assertEquals("", control.one("{\"command\":\"getAnonymousGroup\"}").get("data").get("group")
                .get("groupname").asText());
        assertEquals("Group not found", control.error("{\"command\":\"deleteGroup\",\"groupname\":\"g\"}"));
    }

    @Test
    void modifyGroupReplacesClientsAndRoles() {
        control.send("{\"command\":\"addGroupClient\",\"groupname\":\"g\",\"username\":\"u1\"}");
        assertNull(control.error("{\"command\":\"modifyGroup\",\"groupname\":\"g\",\"textdescription\":\"d\","
                + "\"roles\":[{\"rolename\":\"r\"}],\"clients\":[{\"username\":\"u2\"},{\"username\":\"ghost\"}]}"));
        assertEquals("[ClientRef[username=u2, priority=-1]]", control.state.group("g").clients().toString());
        assertEquals(Set.of("u2"), control.last.kicks().usernames());
        assertEquals("d", control.state.group("g").textDescription());
        assertEquals("Internal error", control.error(
                "{\"command\":\"createGroup\",\"groupname\":\"h\",\"roles\":[{\"x\":1}]}"));
    }

    @Test
    void listGroupsVerboseAndPlain() {
        assertEquals("{\"totalCount\":1,\"groups\":[\"g\"]}",
                control.one("{\"command\":\"listGroups\"}").get("data").toString());
        assertEquals("{\"totalCount\":1,\"groups\":[{\"groupname\":\"g\",\"textname\":\"G\",\"clients\":[],"
                + "\"roles\":[]}]}",
                control.one("{\"command\":\"listGroups\",\"verbose\":true}").get("data").toString());
    }
}
