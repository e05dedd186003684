package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlProtocolTest {

    private final Control control = new Control();

    @Test
    void payloadErrorsAreAnsweredAsUnknownCommand() {
        assertEquals("[{\"command\":\"Unknown command\",\"error\":\"Payload not valid JSON\"}]",
                control.raw("{nope").toString());
        assertEquals("[{\"command\":\"Unknown command\",\"error\":\"Invalid/missing commands\"}]",
                control.raw("{\"commands\":{}}").toString());
        assertEquals("[]", control.raw("{\"commands\":[]}").toString());
    }

    @Test
    void badEntriesReuseThePreviousCorrelationData() {
        assertEquals("[{\"command\":\"getAnonymousGroup\",\"data\":{\"group\":{\"groupname\":\"\"}},"
                + "\"correlationData\":\"c\"},{\"command\":\"Unknown command\",\"error\":\"Missing command\","
                + "\"correlationData\":\"c\"},{\"command\":\"Unknown command\",\"error\":\"Command not an object\","
                + "\"correlationData\":\"c\"},{\"command\":\"frob\",\"error\":\"Unknown command\"}]",
                control.send("{\"command\":\"getAnonymousGroup\",\"correlationData\":\"c\"}", "{}", "3",
                        "{\"command\":\"frob\"}").toString());
    }

    @Test
    void badCorrelationDataStopsTheBatch() {
        assertEquals("[{\"command\":\"createRole\",\"error\":\"Invalid correlationData data type.\"}]",
                control.send("{\"command\":\"createRole\",\"rolename\":\"r\",\"correlationData\":1}",
                        "{\"command\":\"createRole\",\"rolename\":\"s\"}").toString());
        assertTrue(control.state.roles().isEmpty());
    }

    @Test
    void defaultAccessIsReadAndSet() {
        assertEquals("[{\"acltype\":\"publishClientSend\",\"allow\":false},{\"acltype\":\"publishClientReceive\","
                + "\"allow\":false},{\"acltype\":\"subscribe\",\"allow\":false},{\"acltype\":\"unsubscribe\","
                + "\"allow\":false}]",
                control.one("{\"command\":\"getDefaultACLAccess\"}").get("data").get("acls").toString());
        control.send("{\"command\":\"setDefaultACLAccess\",\"acls\":[{\"acltype\":\"SUBSCRIBE\",\"allow\":true},"
                + "{\"acltype\":\"publishClientSend\",\"allow\":\"yes\"}]}");
        assertEquals(new DefaultAccess(false, false, true, false), control.state.defaultAccess());
        assertEquals("Missing/invalid actions array", control.error("{\"command\":\"setDefaultACLAccess\"}"));
    }
}
