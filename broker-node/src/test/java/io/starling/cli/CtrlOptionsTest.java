package io.starling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CtrlOptionsTest {

    @Test
    void withoutOptionsItAsksLocalhostOnTheMqttPortWithMqtt311() throws Exception {
        CtrlOptions options = CtrlOptions.parse(List.of("cluster", "status"));
        assertEquals("localhost", options.host());
        assertEquals(1883, options.port());
        assertEquals(4, options.protocolLevel());
        assertNull(options.username());
        assertNull(options.clientId());
        assertEquals(List.of("cluster", "status"), options.command());
    }

    @Test
    void mosquittoCtrlConnectionOptionsAreRead() throws Exception {
        CtrlOptions options = CtrlOptions.parse(List.of("-h", "10.0.0.5", "-p", "1884", "-u", "admin", "-P", "secret",
                "-i", "ops", "-V", "mqttv5", "cluster", "status"));
        assertEquals(new CtrlOptions("10.0.0.5", 1884, "admin", "secret", "ops", 5, false,
                List.of("cluster", "status")), options);
    }

    @Test
    void longOptionNamesWorkAsTheShortOnes() throws Exception {
        CtrlOptions options = CtrlOptions.parse(List.of("--host", "broker", "--port", "2883", "--username", "u",
                "--pw", "p", "--id", "c", "--protocol-version", "31", "cluster", "status"));
        assertEquals(new CtrlOptions("broker", 2883, "u", "p", "c", 3, false, List.of("cluster", "status")),
                options);
    }

    @Test
    void helpIsAnOptionAndMinusHIsTheHostAsInMosquittoCtrl() throws Exception {
        assertTrue(CtrlOptions.parse(List.of("--help")).help());
        assertEquals("h1", CtrlOptions.parse(List.of("-h", "h1")).host());
    }

    @Test
    void wordsAfterTheCommandBelongToTheCommand() throws Exception {
        CtrlOptions options = CtrlOptions.parse(List.of("-p", "1884", "cluster", "status", "-p", "9"));
        assertEquals(1884, options.port());
        assertEquals(List.of("cluster", "status", "-p", "9"), options.command());
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertEquals("unknown option '-x'",
                assertThrows(CtrlFailure.class, () -> CtrlOptions.parse(List.of("-x"))).getMessage());
        assertEquals("option -p needs a value",
                assertThrows(CtrlFailure.class, () -> CtrlOptions.parse(List.of("-p"))).getMessage());
        assertTrue(assertThrows(CtrlFailure.class, () -> CtrlOptions.parse(List.of("-p", "70000", "cluster")))
                .getMessage().startsWith("invalid port '70000'"));
        assertTrue(assertThrows(CtrlFailure.class, () -> CtrlOptions.parse(List.of("-V", "mqttv6", "cluster")))
                .getMessage().startsWith("invalid protocol version 'mqttv6'"));
    }

    @Test
    void passwordWithoutUsernameIsRefusedBeforeMqtt5() throws Exception {
        assertThrows(CtrlFailure.class, () -> CtrlOptions.parse(List.of("-P", "secret", "cluster", "status")));
        assertEquals("secret", CtrlOptions.parse(List.of("-V", "5", "-P", "secret", "cluster", "status")).password());
    }
}
