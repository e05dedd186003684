package io.starling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The responses are Mosquitto 2.0.11's; the expected lines are what its mosquitto_ctrl printed for them. */
class DynsecReplyTest {

    private static DynsecReply reply(String response) {
        return DynsecReply.of("{\"responses\":[" + response + "]}");
    }

    @Test
    void aChangeThatWorkedPrintsNothing() {
        assertEquals(new DynsecReply(List.of(), List.of()), reply("{\"command\":\"createClient\"}"));
    }

    @Test
    void anErrorGoesToStandardErrorPrefixedWithTheCommand() {
        assertEquals(new DynsecReply(List.of(), List.of("getClient: Error: Client not found")),
                reply("{\"command\":\"getClient\",\"error\":\"Client not found\"}"));
    }

    @Test
    void getClientListsRolesAndGroupsWithPriorities() {
        DynsecReply reply = reply("{\"command\":\"getClient\",\"data\":{\"client\":{\"username\":\"u1\",\"clientid\":\"cid1\","
                + "\"disabled\":true,\"textname\":\"not shown\",\"roles\":[{\"rolename\":\"r1\",\"priority\":5},{\"rolename\":\"r2\"}],"
                + "\"groups\":[{\"groupname\":\"g2\",\"priority\":7},{\"groupname\":\"g1\"}]}}}");
        assertEquals(List.of("Username: u1", "Clientid: cid1", "Disabled: true",
                "Roles:    r1 (priority: 5)", "          r2 (priority: -1)",
                "Groups:   g2 (priority: 7)", "          g1 (priority: -1)"), reply.out());
    }

    @Test
    void getClientWithoutClientIdPrintsTheBareLabel() {
        DynsecReply reply = reply("{\"command\":\"getClient\",\"data\":{\"client\":{\"username\":\"admin\","
                + "\"textname\":\"Dynsec admin user\",\"roles\":[{\"rolename\":\"admin\"}],\"groups\":[]}}}");
        assertEquals(List.of("Username: admin", "Clientid:", "Roles:    admin (priority: -1)"), reply.out());
    }

    @Test
    void getGroupListsRolesThenClientsWithoutPriorities() {
        DynsecReply reply = reply("{\"command\":\"getGroup\",\"data\":{\"group\":{\"groupname\":\"g1\","
                + "\"clients\":[{\"username\":\"u1\",\"priority\":4},{\"username\":\"u2\"}],"
                + "\"roles\":[{\"rolename\":\"r1\",\"priority\":3},{\"rolename\":\"r2\"}]}}}");
        assertEquals(List.of("Groupname: g1", "Roles:     r1 (priority: 3)", "           r2 (priority: -1)",
                "Clients:   u1", "           u2"), reply.out());
    }

    @Test
    void getRoleAlignsTheAcls() {
        DynsecReply reply = reply("{\"command\":\"getRole\",\"data\":{\"role\":{\"rolename\":\"r1\",\"acls\":["
                + "{\"acltype\":\"publishClientSend\",\"topic\":\"a/b\",\"priority\":4,\"allow\":true},"
                + "{\"acltype\":\"subscribeLiteral\",\"topic\":\"c/#\",\"priority\":0,\"allow\":false}]}}}");
        assertEquals(List.of("Rolename: r1", "ACLs:     publishClientSend    : allow : a/b (priority: 4)",
                "          subscribeLiteral     : deny  : c/# (priority: 0)"), reply.out());
    }

    @Test
    void listsPrintOneNamePerLine() {
        assertEquals(List.of("admin", "u1"), reply("{\"command\":\"listClients\",\"data\":{\"totalCount\":2,"
                + "\"clients\":[\"admin\",\"u1\"]}}").out());
        assertEquals(List.of(), reply("{\"command\":\"listGroups\",\"data\":{\"totalCount\":0,\"groups\":[]}}").out());
    }

    @Test
    void defaultAccessAndAnonymousGroup() {
        assertEquals(List.of("publishClientSend    : deny", "publishClientReceive : allow"),
                reply("{\"command\":\"getDefaultACLAccess\",\"data\":{\"acls\":[{\"acltype\":\"publishClientSend\","
                        + "\"allow\":false},{\"acltype\":\"publishClientReceive\",\"allow\":true}]}}").out());
        assertEquals(List.of(""), reply("{\"command\":\"getAnonymousGroup\",\"data\":{\"group\":{\"groupname\":\"\"}}}").out());
    }

    @Test
    void unreadablePayloadsAreNamed() {
        assertEquals(List.of("Error: Payload not JSON."), DynsecReply.of("nope").err());
        assertEquals(List.of("Error: Payload missing data."), DynsecReply.of("{}").err());
        assertEquals(List.of("Error: Invalid response from server."), reply("{\"command\":\"getRole\"}").err());
    }
}
