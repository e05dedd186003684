package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientCommandsTest {

    private final Control control = new Control();

    @Test
    void createdClientCanLogInAndIsListed() {
        assertNull(control.error("{\"command\":\"createClient\",\"username\":\"u1\",\"password\":\"pw\","
                + "\"textname\":\"T\",\"correlationData\":\"c1\"}"));
        assertTrue(control.last.saved());
        assertEquals(AuthResult.ACCEPT, DynsecAuthority.authenticate(control.state, "u1",
                "pw".getBytes(StandardCharsets.UTF_8), "any"));
        JsonNode list = control.one("{\"command\":\"listClients\"}");
        assertEquals("{\"totalCount\":1,\"clients\":[\"u1\"]}", list.get("data").toString());
    }

    @Test
    void responsesCarryCommandNameAndCorrelationData() {
        JsonNode r = control.one("{\"command\":\"CREATECLIENT\",\"username\":\"u1\",\"correlationData\":\"x\"}");
        assertEquals("{\"command\":\"createClient\",\"correlationData\":\"x\"}", r.toString());
    }

    @Test
    void duplicateClientIsRefused() {
        control.send("{\"command\":\"createClient\",\"username\":\"u1\"}");
        assertEquals("Client already exists", control.error("{\"command\":\"createClient\",\"username\":\"u1\"}"));
    }

    @Test
    void badArgumentsGetMosquittosErrorTexts() {
        assertEquals("Invalid/missing username", control.error("{\"command\":\"createClient\"}"));
        assertEquals("Username not valid UTF-8",
                control.error("{\"command\":\"createClient\",\"username\":\"a\\tb\"}"));
        assertEquals("Invalid/missing password",
                control.error("{\"command\":\"createClient\",\"username\":\"a\",\"password\":1}"));
        assertEquals("Invalid/missing client id",
                control.error("{\"command\":\"createClient\",\"username\":\"a\",\"clientid\":true}"));
        assertEquals("Role not found", control.error(
                "{\"command\":\"createClient\",\"username\":\"a\",\"roles\":[{\"rolename\":\"nope\"}]}"));
        assertEquals("'roles' not an array or missing/invalid rolename",
                control.error("{\"command\":\"createClient\",\"username\":\"a\",\"roles\":{}}"));
        assertEquals("Group not found", control.error(
                "{\"command\":\"createClient\",\"username\":\"a\",\"groups\":[{\"groupname\":\"g\"}]}"));
        assertTrue(control.state.clients().isEmpty());
        assertEquals("Client not found", control.error("{\"command\":\"getClient\",\"username\":\"zz\"}"));
        assertEquals("Empty password is not allowed",
                control.error("{\"command\":\"setClientPassword\",\"username\":\"zz\",\"password\":\"\"}"));
    }

    @Test
    void getClientShowsRolesAndGroupsInPriorityOrder() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r1\"}",
                "{\"command\":\"createRole\",\"rolename\":\"r2\"}",
                "{\"command\":\"createGroup\",\"groupname\":\"g1\"}",
                "{\"command\":\"createClient\",\"username\":\"u\",\"clientid\":\"cid\","
                        + "\"roles\":[{\"rolename\":\"r1\"},{\"rolename\":\"r2\",\"priority\":5}],"
                        + "\"groups\":[{\"groupname\":\"g1\",\"priority\":2}]}",
                "{\"command\":\"disableClient\",\"username\":\"u\"}");
        JsonNode client = control.one("{\"command\":\"getClient\",\"username\":\"u\"}").get("data").get("client");
        assertEquals("{\"username\":\"u\",\"clientid\":\"cid\",\"disabled\":true,"
                + "\"roles\":[{\"rolename\":\"r2\",\"priority\":5},{\"rolename\":\"r1\"}],"
                + "\"groups\":[{\"groupname\":\"g1\",\"priority\":2}]}", client.toString());
    }

    @Test
    void deleteAndDisableDisconnectTheClient() {
        control.send("{\"command\":\"createClient\",\"username\":\"u\",\"password\":\"p\"}");
        control.send("{\"command\":\"disableClient\",\"username\":\"u\"}");
        assertEquals(Set.of("u"), control.last.kicks().usernames());
        assertEquals(AuthResult.REFUSE, DynsecAuthority.authenticate(control.state, "u", "p".getBytes(), "c"));
        control.send("{\"command\":\"enableClient\",\"username\":\"u\"}");
        assertTrue(control.last.kicks().isEmpty());
        control.send("{\"command\":\"deleteClient\",\"username\":\"u\"}");
        assertEquals(Set.of("u"), control.last.kicks().usernames());
        assertEquals(AuthResult.DEFER, DynsecAuthority.authenticate(control.state, "u", "p".getBytes(), "c"));
    }

    @Test
    void modifyClientKeepsEarlierChangesWhenARoleIsMissing() {
        control.send("{\"command\":\"createClient\",\"username\":\"u\"}");
        assertEquals("Role not found", control.error("{\"command\":\"modifyClient\",\"username\":\"u\","
                + "\"textname\":\"new\",\"roles\":[{\"rolename\":\"nope\"}]}"));
        assertEquals("new", control.state.client("u").textName());
        assertFalse(control.last.saved());
        assertEquals(Set.of("u"), control.last.kicks().usernames());
    }

    @Test
    void clientIdMustMatchWhenSet() {
        control.send("{\"command\":\"createClient\",\"username\":\"u\",\"password\":\"p\"}",
                "{\"command\":\"setClientId\",\"username\":\"u\",\"clientid\":\"only\"}");
        assertEquals(AuthResult.REFUSE, DynsecAuthority.authenticate(control.state, "u", "p".getBytes(), "other"));
        assertEquals(AuthResult.ACCEPT, DynsecAuthority.authenticate(control.state, "u", "p".getBytes(), "only"));
        assertEquals(AuthResult.REFUSE, DynsecAuthority.authenticate(control.state, "u", "x".getBytes(), "only"));
    }

    @Test
    void addingARoleTwiceIsAnInternalErrorAsInMosquitto() {
        control.send("{\"command\":\"createRole\",\"rolename\":\"r\"}",
                "{\"command\":\"createClient\",\"username\":\"u\"}",
                "{\"command\":\"addClientRole\",\"username\":\"u\",\"rolename\":\"r\"}");
        assertEquals(Set.of("u"), control.last.kicks().usernames());
        assertEquals("Internal error",
                control.error("{\"command\":\"addClientRole\",\"username\":\"u\",\"rolename\":\"r\"}"));
    }

    @Test
    void listClientsPagesLikeMosquitto() {
        for (String u : new String[] {"c", "a", "b", "d"}) {
            control.send("{\"command\":\"createClient\",\"username\":\"" + u + "\"}");
        }
        assertEquals("[\"b\",\"c\"]", control.one("{\"command\":\"listClients\",\"offset\":1,\"count\":2}")
                .get("data").get("clients").toString());
        assertEquals("[\"a\"]", control.one("{\"command\":\"listClients\",\"count\":0}")
                .get("data").get("clients").toString());
    }

    @Test
    void createClientNamingAGroupTwiceFailsAndLeavesNoMember() {
        control.send("{\"command\":\"createGroup\",\"groupname\":\"g\"}");
        assertEquals("Internal error", control.error("{\"command\":\"createClient\",\"username\":\"u\","
                + "\"groups\":[{\"groupname\":\"g\"},{\"groupname\":\"g\"}]}"));
        assertNull(control.state.client("u"));
        assertTrue(control.state.group("g").clients().isEmpty());
    }
}
