package io.starling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The payloads were captured from Debian's mosquitto_ctrl 2.0.11 publishing to a bare listener,
 * so the field order matters as much as the fields.
 */
class DynsecRequestTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String payload(String line) throws DynsecRefusal {
        return payload(line, "");
    }

    private String payload(String line, String typed) throws DynsecRefusal {
        List<String> words = Arrays.asList(line.split(" "));
        CtrlStreams io = new CtrlStreams(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return DynsecCommand.payload(DynsecRequest.build(words.get(0), words.subList(1, words.size()),
                new CtrlPasswordPrompt(io)));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            createClient x -p pw -c cid          | {"command":"createClient","username":"x","clientid":"cid","password":"pw"}
            addClientRole u r 5                  | {"command":"addClientRole","username":"u","rolename":"r","priority":5}
            addClientRole u r                    | {"command":"addClientRole","username":"u","rolename":"r"}
            addClientRole u r x                  | {"command":"addClientRole","username":"u","rolename":"r","priority":0}
            addClientRole u r -1                 | {"command":"addClientRole","username":"u","rolename":"r"}
            listClients                          | {"command":"listClients"}
            listClients 2 3                      | {"command":"listClients","count":2,"offset":3}
            listClients 0 -1                     | {"command":"listClients"}
            addRoleACL r publishClientSend a/b allow 4 | {"command":"addRoleACL","rolename":"r","acltype":"publishClientSend","topic":"a/b","allow":true,"priority":4}
            addRoleACL r subscribeLiteral a/b deny     | {"command":"addRoleACL","rolename":"r","acltype":"subscribeLiteral","topic":"a/b","allow":false}
            removeRoleACL r publishClientSend a/b      | {"command":"removeRoleACL","rolename":"r","acltype":"publishClientSend","topic":"a/b"}
            setClientId u                        | {"command":"setClientId","username":"u"}
            setClientId u c                      | {"command":"setClientId","username":"u","clientid":"c"}
            addGroupClient g u 7                 | {"command":"addGroupClient","username":"u","groupname":"g","priority":7}
            removeGroupClient g u                | {"command":"removeGroupClient","username":"u","groupname":"g"}
            addGroupRole g r 3                   | {"command":"addGroupRole","groupname":"g","rolename":"r","priority":3}
            removeGroupRole g r                  | {"command":"removeGroupRole","groupname":"g","rolename":"r"}
            removeClientRole u r                 | {"command":"removeClientRole","username":"u","rolename":"r"}
            setAnonymousGroup g                  | {"command":"setAnonymousGroup","groupname":"g"}
            getAnonymousGroup                    | {"command":"getAnonymousGroup"}
            getDefaultACLAccess                  | {"command":"getDefaultACLAccess"}
            enableClient u                       | {"command":"enableClient","username":"u"}
            disableClient u                      | {"command":"disableClient","username":"u"}
            setClientPassword u p                | {"command":"setClientPassword","username":"u","password":"p"}
            createRole r                         | {"command":"createRole","rolename":"r"}
            createGroup g                        | {"command":"createGroup","groupname":"g"}
            getGroup g                           | {"command":"getGroup","groupname":"g"}
            getRole r                            | {"command":"getRole","rolename":"r"}
            deleteRole r                         | {"command":"deleteRole","rolename":"r"}
            listRoles 5                          | {"command":"listRoles","count":5}
            """)
    void buildsTheCommandMosquittoCtrlSends(String line, String command) throws DynsecRefusal {
        assertEquals("{\"commands\":[" + command + "]}", payload(line.strip()));
    }

    @Test
    void setDefaultAclAccessSendsTheBooleanThePluginReads() throws DynsecRefusal {
        assertEquals("{\"commands\":[{\"command\":\"setDefaultACLAccess\","
                + "\"acls\":[{\"acltype\":\"subscribe\",\"allow\":true}]}]}", payload("setDefaultACLAccess subscribe allow"));
    }

    @ParameterizedTest
    @CsvSource({"deleteClient", "getClient a b", "addClientRole u1", "addClientRole u1 r1 1 2", "setClientPassword a b c",
            "addRoleACL r1 bad c allow", "addRoleACL r1 publishClientSend c maybe", "addRoleACL r1 publishClientSend c",
            "removeRoleACL r1 subscribeLiteral c/# deny", "setDefaultACLAccess subscribeLiteral allow", "listRoles 1 2 3",
            "createClient", "setAnonymousGroup", "createRole a b"})
    void wrongArgumentsAreRefusedWithStatusThree(String line) {
        DynsecRefusal refusal = assertThrows(DynsecRefusal.class, () -> payload(line));
        assertEquals(3, refusal.exitCode());
        assertEquals(List.of("Error: Invalid function arguments provided."), refusal.errorLines());
    }

    @Test
    void aMissingOptionValueIsNamedBeforeTheGeneralError() {
        DynsecRefusal refusal = assertThrows(DynsecRefusal.class, () -> payload("createClient z -c"));
        assertEquals(List.of("Error: -c argument given, but no clientid provided.",
                "Error: Invalid function arguments provided."), refusal.errorLines());
        refusal = assertThrows(DynsecRefusal.class, () -> payload("setDefaultACLAccess publishClientSend maybe"));
        assertEquals(List.of("Error: access must be \"allow\" or \"deny\".",
                "Error: Invalid function arguments provided."), refusal.errorLines());
    }

    @Test
    void anUnknownCommandIsRefusedWithStatusThirteen() {
        DynsecRefusal refusal = assertThrows(DynsecRefusal.class, () -> payload("bogus"));
        assertEquals(13, refusal.exitCode());
        assertEquals(List.of("Command 'bogus' not recognised."), refusal.errorLines());
    }

    @Test
    void createClientWithoutPasswordAsksForItTwice() throws DynsecRefusal {
        assertEquals("{\"commands\":[{\"command\":\"createClient\",\"username\":\"u\",\"password\":\"abc\"}]}",
                payload("createClient u", "abc\nabc\n"));
        assertEquals("Enter new password for u. Press return for no password (user will be unable to login).\n"
                + "New password for u: \nReenter password for u: \n", printed());
    }

    @Test
    void createClientWithAnEmptyAnswerHasNoPassword() throws DynsecRefusal {
        assertEquals("{\"commands\":[{\"command\":\"createClient\",\"username\":\"u\"}]}", payload("createClient u", "\n"));
        assertEquals("Enter new password for u. Press return for no password (user will be unable to login).\n"
                + "New password for u: \n\n", printed());
    }

    @Test
    void differentAnswersAreRefusedWithoutSendingButWithStatusZero() {
        DynsecRefusal refusal = assertThrows(DynsecRefusal.class, () -> payload("setClientPassword u", "abc\nxyz\n"));
        assertEquals(0, refusal.exitCode());
        assertEquals(List.of("Error: Passwords do not match."), refusal.errorLines());
    }

    @Test
    void setClientPasswordRefusesAnEmptyPassword() {
        DynsecRefusal refusal = assertThrows(DynsecRefusal.class, () -> payload("setClientPassword u", "\n"));
        assertEquals(List.of("Error: Empty password."), refusal.errorLines());
        assertEquals("New password for u: \n", printed());
    }

    @Test
    void atoiReadsTheLeadingIntegerAsC() {
        assertEquals(12, DynsecRequest.atoi("12abc"));
        assertEquals(-3, DynsecRequest.atoi(" -3"));
        assertEquals(0, DynsecRequest.atoi("x"));
    }
}
