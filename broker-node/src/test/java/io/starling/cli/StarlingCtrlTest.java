package io.starling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StarlingCtrlTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StarlingCtrl.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("cluster status"));
    }

    @Test
    void withoutCommandItPrintsUsageAndFails() {
        assertEquals(1, run("-p", "1884"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage: starling-ctrl"));
    }

    @Test
    void unknownCommandFailsNamingIt() {
        assertEquals(1, run("dance"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'dance'"));
    }

    @Test
    void unknownClusterCommandFailsWithoutConnecting() {
        assertEquals(1, run("-p", "1", "cluster", "dance"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the cluster commands are: cluster status"));
    }

    @Test
    void helpListsDynsec() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("dynsec COMMAND"));
    }

    @Test
    void dynsecHelpListsTheCommandsWithInitUnderStarlingCtrlsName() {
        assertEquals(0, run("dynsec", "help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("createClient      <username> [-c clientid] [-p password]"));
        assertTrue(help.contains("starling-ctrl dynsec init <new-config-file> <admin-username> [admin-password]"));
    }

    @Test
    void dynsecWrongArgumentsFailWithMosquittoCtrlsStatusWithoutConnecting() {
        assertEquals(3, run("-p", "1", "dynsec", "getClient"));
        assertEquals("Error: Invalid function arguments provided.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dynsecUnknownCommandFailsWithStatusThirteen() {
        assertEquals(13, run("-p", "1", "dynsec", "frobnicate", "file", "admin"));
        assertEquals("Command 'frobnicate' not recognised.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dynsecWithoutCommandPrintsUsageAndFails() {
        assertEquals(1, run("dynsec"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: starling-ctrl"));
    }
}
