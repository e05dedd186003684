package io.starling.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.LoopbackPorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * starling-ctrl's dynsec commands against Debian's Mosquitto 2.0.11 with its dynamic-security
 * plugin, side by side with Debian's mosquitto_ctrl on the same broker: both must print the same
 * and exit with the same status. Commands that change something run once per tool on names of
 * their own ({@code mq-...} for mosquitto_ctrl, {@code st-...} for starling-ctrl, of equal
 * length so that aligned output stays aligned); read-only commands run on the same state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarlingCtrlDynsecAgainstMosquittoIT {

    private static final String PASSWORD = "admin-secret";
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);
    private static Path dir;
    private static int port;
    private static Process mosquitto;

    /** What a tool printed (its clear-text warning left out) and its exit status. */
    private record Outcome(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void startMosquittoWithDynamicSecurity() throws Exception {
        dir = Files.createTempDirectory("starling-dynsec-it");
        Path config = dir.resolve("dynamic-security.json");
        Process init = new ProcessBuilder("/usr/bin/mosquitto_ctrl", "dynsec", "init", config.toString(), "admin",
                PASSWORD).redirectErrorStream(true).redirectOutput(dir.resolve("init.log").toFile()).start();
        assertTrue(init.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "mosquitto_ctrl dynsec init hangs");
        assertEquals(0, init.exitValue(), Files.readString(dir.resolve("init.log")));
        port = LoopbackPorts.free();
        Path conf = dir.resolve("mosquitto.conf");
        // started as root, mosquitto would become user mosquitto, who may not read the test's private
        // temporary directory; as anyone else, it ignores this line
        Files.writeString(conf, "user " + System.getProperty("user.name") + "\n"
                + "listener " + port + " 127.0.0.1\n"
                + "plugin /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so\n"
                + "plugin_opt_config_file " + config + "\n");
        mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(StarlingCtrlDynsecAgainstMosquittoIT::listening);
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException, IOException {
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(10, TimeUnit.SECONDS)) {
                mosquitto.destroyForcibly();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return !mosquitto.isAlive() && fail();
        }
    }

    private static boolean fail() {
        throw new AssertionError("mosquitto ended; see " + dir.resolve("mosquitto.log"));
    }

    @Test
    @Order(1)
    void changesPrintAndExitAsMosquittoCtrl() {
        bothOnOwnNames("createClient %s-u -p pw -c %s-cid");
        bothOnOwnNames("createClient %s-u -p pw"); // exists: an error, status 0
        bothOnOwnNames("createClient %s-v -p pw");
        bothOnOwnNames("createRole %s-r");
        bothOnOwnNames("createRole %s-q");
        bothOnOwnNames("addRoleACL %s-r publishClientSend %s/topic allow 5");
        bothOnOwnNames("addRoleACL %s-r subscribeLiteral %s/# deny");
        bothOnOwnNames("addRoleACL %s-r unsubscribePattern %s/+ allow -1");
        bothOnOwnNames("createGroup %s-g");
        bothOnOwnNames("addGroupRole %s-g %s-r 2");
        bothOnOwnNames("addGroupRole %s-g %s-q");
        bothOnOwnNames("addGroupClient %s-g %s-u 3");
        bothOnOwnNames("addGroupClient %s-g %s-v");
        bothOnOwnNames("addClientRole %s-u %s-r 4");
        bothOnOwnNames("addClientRole %s-u %s-q");
        bothOnOwnNames("disableClient %s-u");
        bothOnOwnNames("setClientId %s-v %s-vid");
        bothOnOwnNames("setClientPassword %s-v newpw");
    }

    @Test
    @Order(2)
    void getCommandsPrintAsMosquittoCtrl() {
        bothOnOwnNames("getClient %s-u");
        bothOnOwnNames("getClient %s-v");
        bothOnOwnNames("getGroup %s-g");
        bothOnOwnNames("getRole %s-r");
        bothOnOwnNames("getRole %s-q");
        bothOnOwnNames("getClient %s-nobody");
        bothOnOwnNames("getGroup %s-nobody");
        bothOnOwnNames("getRole %s-nobody");
    }

    @Test
    @Order(3)
    void readOnlyCommandsPrintAsMosquittoCtrlOnTheSameState() {
        for (String line : List.of("listClients", "listClients 2", "listClients 2 1", "listClients 0 -1", "listGroups",
                "listRoles", "listRoles 1 3", "getDefaultACLAccess", "getAnonymousGroup", "getClient admin",
                "getRole admin")) {
            assertSame(mosquittoCtrl(line), starlingCtrl(line), line);
        }
    }

    @Test
    @Order(4)
    void anonymousGroupPrintsAsMosquittoCtrl() {
        // a group of its own, never deleted: Mosquitto 2.0.11 crashes when the anonymous group is deleted
        bothOnOwnNames("createGroup %s-a", "setAnonymousGroup %s-a", "getAnonymousGroup");
        bothOnOwnNames("setAnonymousGroup %s-nobody");
    }

    @Test
    @Order(5)
    void wrongCommandLinesAreRefusedAsByMosquittoCtrl() {
        for (String line : List.of("bogus", "deleteClient", "getClient a b", "addClientRole u", "addRoleACL r bad c allow",
                "addRoleACL r publishClientSend c maybe", "removeRoleACL r subscribeLiteral c deny", "listRoles 1 2 3",
                "createClient z -c", "createClient z -p", "setDefaultACLAccess subscribeLiteral allow",
                "setDefaultACLAccess publishClientSend maybe", "setAnonymousGroup")) {
            assertSame(mosquittoCtrl(line), starlingCtrl(line), line);
        }
    }

    @Test
    @Order(6)
    void removalsPrintAndExitAsMosquittoCtrl() {
        bothOnOwnNames("enableClient %s-u", "getClient %s-u");
        bothOnOwnNames("setClientId %s-v", "getClient %s-v");
        bothOnOwnNames("removeRoleACL %s-r subscribeLiteral %s/#", "getRole %s-r");
        bothOnOwnNames("removeRoleACL %s-r subscribeLiteral %s/#");
        bothOnOwnNames("removeClientRole %s-u %s-q", "getClient %s-u");
        bothOnOwnNames("removeGroupRole %s-g %s-q", "getGroup %s-g");
        bothOnOwnNames("removeGroupClient %s-g %s-v", "getGroup %s-g");
        bothOnOwnNames("deleteClient %s-v", "getClient %s-v");
        bothOnOwnNames("deleteClient %s-v");
        bothOnOwnNames("deleteGroup %s-g", "getGroup %s-g", "getClient %s-u");
        bothOnOwnNames("deleteRole %s-q", "getRole %s-q");
        bothOnOwnNames("deleteRole %s-q");
    }

    @Test
    @Order(5)
    void helpIsMosquittoCtrlsButForTheToolsName() {
        Outcome help = mosquittoCtrl("help");
        assertTrue(help.out().contains("mosquitto_ctrl dynsec init"), help.out());
        assertEquals(new Outcome(0, help.out().replace("mosquitto_ctrl dynsec init", "starling-ctrl dynsec init"), ""),
                starlingCtrl("help"));
    }

    @Test
    void initWritesTheFileMosquittoCtrlWritesWithTheSameMessages() throws Exception {
        Path ours = dir.resolve("init-starling.json");
        Path theirs = dir.resolve("init-mosquitto.json");
        Process init = new ProcessBuilder("/usr/bin/mosquitto_ctrl", "dynsec", "init", theirs.toString(), "root",
                "pw").redirectErrorStream(true).start();
        assertTrue(init.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        String theirOutput = new String(init.getInputStream().readAllBytes()).replace(theirs.toString(), ours.toString());

        Outcome starling = starlingCtrl("init " + ours + " root pw");
        assertEquals(new Outcome(0, theirOutput, ""), starling);
        // the same document but for the random salt and its hash
        String noSecrets = "\"(password|salt)\":\\s*\"[^\"]*\"";
        assertEquals(Files.readString(theirs).replaceAll(noSecrets, ""), Files.readString(ours).replaceAll(noSecrets, ""));
        assertEquals(new Outcome(0, "", "dynsec init: '" + ours + "' already exists. Remove the file or use a different location..\n"),
                starlingCtrl("init " + ours + " root pw"));
    }

    @Test
    @Order(5)
    void aRefusedConnectionIsReportedAsByMosquittoCtrl() {
        for (String version : List.of("mqttv311", "mqttv5", "mqttv31")) {
            List<String> options = List.of("-h", LoopbackPorts.HOST, "-p", String.valueOf(port), "-V", version,
                    "-u", "admin", "-P", "wrong");
            assertSame(mosquittoCtrl(options, "listClients"), starlingCtrl(options, "listClients"), version);
        }
        List<String> nobodyListens = List.of("-h", LoopbackPorts.HOST, "-p", String.valueOf(LoopbackPorts.free()));
        assertSame(mosquittoCtrl(nobodyListens, "listClients"), starlingCtrl(nobodyListens, "listClients"),
                "no listener");
    }

    /**
     * mosquitto_ctrl 2.0.11 sends {@code "access"}, which the plugin ignores; starling-ctrl sends
     * the {@code "allow"} the plugin reads, so here the default access really changes.
     */
    @Test
    @Order(7)
    void setDefaultAclAccessChangesTheDefault() {
        Outcome set = starlingCtrl("setDefaultACLAccess subscribe allow");
        assertEquals(new Outcome(0, "", ""), set);
        assertTrue(mosquittoCtrl("getDefaultACLAccess").out().contains("subscribe            : allow\n"));
        assertEquals(new Outcome(0, "", ""), starlingCtrl("setDefaultACLAccess subscribe deny"));
        assertTrue(mosquittoCtrl("getDefaultACLAccess").out().contains("subscribe            : deny\n"));
    }

    /** Runs each line with the {@code mq} names through mosquitto_ctrl, then with {@code st} through starling-ctrl. */
    private static void bothOnOwnNames(String... lines) {
        List<Outcome> mosquittoCtrl = new ArrayList<>();
        for (String line : lines) {
            mosquittoCtrl.add(mosquittoCtrl(line.replace("%s", "mq")));
        }
        for (int i = 0; i < lines.length; i++) {
            Outcome expected = mosquittoCtrl.get(i);
            Outcome asStarling = new Outcome(expected.exitCode(), expected.out().replace("mq", "st"),
                    expected.err().replace("mq", "st"));
            assertSame(asStarling, starlingCtrl(lines[i].replace("%s", "st")), lines[i]);
        }
    }

    private static void assertSame(Outcome mosquittoCtrl, Outcome starlingCtrl, String line) {
        assertEquals(mosquittoCtrl, starlingCtrl, "dynsec " + line);
    }

    private static List<String> admin() {
        return List.of("-h", LoopbackPorts.HOST, "-p", String.valueOf(port), "-u", "admin", "-P", PASSWORD);
    }

    private static Outcome mosquittoCtrl(String line) {
        return mosquittoCtrl(admin(), line);
    }

    private static Outcome mosquittoCtrl(List<String> options, String line) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/mosquitto_ctrl"));
        command.addAll(options);
        command.add("dynsec");
        command.addAll(Arrays.asList(line.split(" ")));
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mosquitto_ctrl dynsec " + line + " did not end");
            }
            return new Outcome(process.exitValue(), Files.readString(out),
                    withoutWarning(Files.readString(err), "mosquitto_ctrl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Outcome starlingCtrl(String line) {
        return starlingCtrl(admin(), line);
    }

    private static Outcome starlingCtrl(List<String> options, String line) {
        List<String> args = new ArrayList<>(options);
        args.add("dynsec");
        args.addAll(Arrays.asList(line.split(" ")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StarlingCtrl.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8),
                withoutWarning(err.toString(StandardCharsets.UTF_8), "starling-ctrl"));
    }

    /** Both tools warn that they send passwords in clear text, each under its own name. */
    private static String withoutWarning(String err, String tool) {
        return err.replace("Warning: You are running " + tool + " without encryption.\n"
                + "This means all of the configuration changes you are making are visible on the network,"
                + " including passwords.\n\n", "");
    }
}
