package io.starling.it.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.starling.auth.Access;
import io.starling.auth.dynsec.CommandOutcome;
import io.starling.auth.dynsec.DynsecAuthority;
import io.starling.auth.dynsec.DynsecCommands;
import io.starling.auth.dynsec.DynsecFile;
import io.starling.auth.dynsec.DynsecState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: the same control commands go to Debian's Mosquitto 2.0.11 with its
 * dynamic-security plugin and to the Java model; the answers must be the same JSON (member order
 * aside), the file Mosquitto saves must be the file the model would save (password hashes aside,
 * their salts being random), and a file the model saves must load in Mosquitto with the same
 * content, passwords and ACL decisions.
 */
class DynsecMatchesMosquittoIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "adminpw";

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void modelAnswersAndSavesLikeMosquitto() throws Exception {
        Path mosquittoFile = dir.resolve("dynsec.json");
        Process init = new ProcessBuilder("mosquitto_ctrl", "dynsec", "init", mosquittoFile.toString(), "admin",
                ADMIN_PASSWORD).redirectErrorStream(true).redirectOutput(dir.resolve("init.log").toFile()).start();
        assertTrue(init.waitFor(30, TimeUnit.SECONDS) && init.exitValue() == 0, "mosquitto_ctrl dynsec init");
        DynsecState model = DynsecFile.read(mosquittoFile);

        List<String> mismatches = new ArrayList<>();
        try (MosquittoWithDynsec mosquitto = MosquittoWithDynsec.start(dir, mosquittoFile);
             ControlClient control = new ControlClient(mosquitto.uri(), "admin", ADMIN_PASSWORD)) {
            for (String payload : DynsecScript.PAYLOADS) {
                JsonNode expected;
                try {
                    expected = control.send(payload);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nmosquitto's log:\n" + mosquitto.log(), e);
                }
                CommandOutcome outcome = DynsecCommands.apply(model, payload.getBytes(StandardCharsets.UTF_8),
                        random);
                model = outcome.state();
                JsonNode actual = MAPPER.readTree(outcome.response());
                if (!expected.equals(actual)) {
                    mismatches.add(payload + "\n  mosquitto: " + expected + "\n  model:     " + actual);
                }
            }
        }
        assertEquals(List.of(), mismatches, String.join("\n", mismatches));

        String saved = Files.readString(mosquittoFile);
        assertEquals(withoutPasswords(saved), withoutPasswords(DynsecFile.format(model)));
        assertEquals(withoutPasswords(DynsecFile.format(DynsecFile.read(mosquittoFile))),
                withoutPasswords(DynsecFile.format(model)));

        // The model's own file, with passwords it hashed itself, goes back to Mosquitto.
        DynsecState withModelPasswords = DynsecCommands.apply(model, (
                "{\"commands\":[{\"command\":\"setClientPassword\",\"username\":\"admin\",\"password\":\""
                        + ADMIN_PASSWORD + "\"},{\"command\":\"setClientPassword\",\"username\":\"u1\","
                        + "\"password\":\"model-pw\"}]}").getBytes(StandardCharsets.UTF_8), random).state();
        Path modelFile = dir.resolve("model.json");
        DynsecFile.write(modelFile, withModelPasswords);
        try (MosquittoWithDynsec mosquitto = MosquittoWithDynsec.start(dir, modelFile);
             ControlClient control = new ControlClient(mosquitto.uri(), "admin", ADMIN_PASSWORD)) {
            for (String payload : DynsecScript.READ_BACK) {
                JsonNode expected = control.send(payload);
                JsonNode actual = MAPPER.readTree(DynsecCommands.apply(withModelPasswords,
                        payload.getBytes(StandardCharsets.UTF_8), random).response());
                assertEquals(expected, actual, payload);
            }
            assertSubscribeDecisionsMatch(mosquitto.uri(), withModelPasswords);
        }
    }

    /** u1 (client id cid1, password set by the model) subscribes; SUBACK must agree with the model. */
    private static void assertSubscribeDecisionsMatch(String uri, DynsecState model) throws Exception {
        MqttClient u1 = new MqttClient(uri, "cid1", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("u1");
        options.setPassword("model-pw".toCharArray());
        u1.connect(options);
        try {
            for (String filter : DynsecScript.SUBSCRIBE_FILTERS) {
                IMqttToken token = u1.subscribeWithResponse(filter, 0);
                boolean mosquittoGranted = token.getGrantedQos()[0] != 0x80;
                assertEquals(mosquittoGranted, DynsecAuthority.allows(model, "u1", "cid1", filter, Access.SUBSCRIBE),
                        "SUBSCRIBE " + filter);
            }
        } finally {
            u1.disconnect();
            u1.close();
        }
    }

    /** The file with the random parts (hash and salt) blanked. */
    private static String withoutPasswords(String file) {
        return file.replaceAll("\"(password|salt)\":\\t\"[^\"]*\"", "\"$1\":\t\"*\"");
    }
}
