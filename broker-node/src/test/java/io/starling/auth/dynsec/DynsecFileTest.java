package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.auth.Access;
import io.starling.auth.SecurityFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynsecFileTest {

    /** Written by Debian's {@code mosquitto_ctrl dynsec init FILE admin secretpw} (2.0.11). */
    static final String MOSQUITTO_CTRL_INIT = "{\n\t\"clients\":\t[{\n\t\t\t\"username\":\t\"admin\",\n\t\t\t\"textName\":\t\"Dynsec admin user\",\n\t\t\t\"password\":\t\"1qtEh34P+O/7euHW8Jg2ZTxBKzuYklOfl84DbBZXiIce4eZ6dtKcExm7f2M2p7HS+mfyWwo2q8/hxUtqEYwm9Q==\",\n\t\t\t\"salt\":\t\"7d67aib2MqD6CXHQ\",\n\t\t\t\"iterations\":\t101,\n\t\t\t\"roles\":\t[{\n\t\t\t\t\t\"rolename\":\t\"admin\"\n\t\t\t\t}]\n\t\t}],\n\t\"roles\":\t[{\n\t\t\t\"rolename\":\t\"admin\",\n\t\t\t\"acls\":\t[{\n\t\t\t\t\t\"acltype\":\t\"publishClientSend\",\n\t\t\t\t\t\"topic\":\t\"$CONTROL/dynamic-security/#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"publishClientReceive\",\n\t\t\t\t\t\"topic\":\t\"$CONTROL/dynamic-security/#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"subscribePattern\",\n\t\t\t\t\t\"topic\":\t\"$CONTROL/dynamic-security/#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"publishClientReceive\",\n\t\t\t\t\t\"topic\":\t\"$SYS/#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"subscribePattern\",\n\t\t\t\t\t\"topic\":\t\"$SYS/#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"publishClientReceive\",\n\t\t\t\t\t\"topic\":\t\"#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"subscribePattern\",\n\t\t\t\t\t\"topic\":\t\"#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}, {\n\t\t\t\t\t\"acltype\":\t\"unsubscribePattern\",\n\t\t\t\t\t\"topic\":\t\"#\",\n\t\t\t\t\t\"allow\":\ttrue\n\t\t\t\t}]\n\t\t}],\n\t\"defaultACLAccess\":\t{\n\t\t\"publishClientSend\":\tfalse,\n\t\t\"publishClientReceive\":\ttrue,\n\t\t\"subscribe\":\tfalse,\n\t\t\"unsubscribe\":\ttrue\n\t}\n}";

    private static final Path FILE = Path.of("dynsec.json");

    @Test
    void fileWrittenByMosquittoCtrlLoadsAndItsPasswordWorks() throws Exception {
        DynsecState state = DynsecFile.parse(MOSQUITTO_CTRL_INIT, FILE);
        DynsecClient admin = state.client("admin");
        assertEquals("Dynsec admin user", admin.textName()); // "textName" is read as textname
        assertEquals(101, admin.password().iterations());
        assertEquals(AuthResult.ACCEPT, DynsecAuthority.authenticate(state, "admin",
                "secretpw".getBytes(StandardCharsets.UTF_8), "any"));
        assertEquals(AuthResult.REFUSE, DynsecAuthority.authenticate(state, "admin",
                "secretpW".getBytes(StandardCharsets.UTF_8), "any"));
        assertEquals(DefaultAccess.INIT, state.defaultAccess());
        assertEquals(8, state.role("admin").acls().size());
        assertTrue(DynsecAuthority.allows(state, "admin", "c", "$CONTROL/dynamic-security/v1", Access.WRITE));
    }

    @Test
    void savedFileLoadsBackToTheSameState() throws Exception {
        DynsecState state = DynsecFile.parse(MOSQUITTO_CTRL_INIT, FILE);
        String saved = DynsecFile.format(state);
        assertEquals(state, DynsecFile.parse(saved, FILE));
        assertTrue(saved.startsWith("{\n\t\"defaultACLAccess\":\t{\n\t\t\"publishClientSend\":\tfalse,"), saved);
        assertTrue(saved.contains("\t\"groups\":\t[],\n"), saved);
        assertTrue(saved.endsWith("\t\t}]\n}"), saved);
    }

    @Test
    void emptyFileIsAnEmptyState() throws Exception {
        assertEquals(DynsecState.EMPTY, DynsecFile.parse("", FILE));
    }

    @Test
    void badJsonNamesTheLine() {
        SecurityFileException e = assertThrows(SecurityFileException.class,
                () -> DynsecFile.parse("{\n\"clients\": [\n,]}", FILE));
        assertEquals(3, e.line());
        assertTrue(e.reason().startsWith("not valid JSON"), e.reason());
    }

    @Test
    void badStructureIsRefused() {
        assertEquals("\"roles\" must be an array", assertThrows(SecurityFileException.class,
                () -> DynsecFile.parse("{\"roles\":{}}", FILE)).reason());
        assertThrows(SecurityFileException.class, () -> DynsecFile.parse(
                "{\"roles\":[{\"rolename\":\"r\",\"acls\":[{\"acltype\":\"nope\",\"topic\":\"t\"}]}]}", FILE));
        assertThrows(SecurityFileException.class, () -> DynsecFile.parse(
                "{\"clients\":[{\"username\":\"u\",\"password\":\"AAAA\",\"salt\":\"AAAA\",\"iterations\":1}]}", FILE));
        assertThrows(SecurityFileException.class, () -> DynsecFile.parse("[]", FILE));
    }

    @Test
    void danglingReferencesAreDroppedAsMosquittoDoes() throws Exception {
        DynsecState state = DynsecFile.parse("{\"clients\":[{\"username\":\"u\",\"roles\":[{\"rolename\":\"gone\"}]}],"
                + "\"groups\":[{\"groupname\":\"g\",\"clients\":[{\"username\":\"ghost\"},{\"username\":\"u\"}]}],"
                + "\"anonymousGroup\":\"missing\"}", FILE);
        assertTrue(state.client("u").roles().isEmpty());
        assertEquals(1, state.group("g").clients().size());
        assertNull(state.anonymousGroup());
    }

    @Test
    void writeReplacesTheFileWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dynsec.json");
        DynsecState state = DynsecFile.parse(MOSQUITTO_CTRL_INIT, FILE);
        DynsecFile.write(file, state);
        assertEquals(DynsecFile.format(state), Files.readString(file));
        assertEquals(state, DynsecFile.read(file));
    }
}
