package io.starling.auth.dynsec;

import io.starling.auth.SecurityFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dynamic-security configuration in force on this node: its state, read from the plugin's
 * JSON file at start, and every change made through {@code $CONTROL/dynamic-security/v1}.
 *
 * <p>On a node of its own a change is applied here ({@link #apply}) and saved to the file at
 * once, as Mosquitto's plugin does. In a cluster, changes are applied in one place for the whole
 * cluster and each node {@link #install}s the result (see {@code cluster.DynsecReplication}). Checks read
 * the state without locking; it is replaced whole.
 */
public final class DynamicSecurity {

    private static final Logger log = LoggerFactory.getLogger(DynamicSecurity.class);

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile DynsecState state;
    private volatile Consumer<Kicks> kicker = kicks -> { };

    private DynamicSecurity(Path file, DynsecState state) {
        this.file = file;
        this.state = state;
    }

    /** Reads the plugin's file; a missing or malformed one stops the node (as Mosquitto's plugin does). */
    public static DynamicSecurity load(Path file) throws SecurityFileException {
        return new DynamicSecurity(file, DynsecFile.read(file));
    }

    public DynsecState state() {
        return state;
    }

    public Path file() {
        return file;
    }

    /** Who disconnects the clients a change concerns (the node's listeners), set once they exist. */
    public void kickWith(Consumer<Kicks> newKicker) {
        kicker = newKicker;
    }

    /**
     * Applies one request on this node alone: the new state is saved and in force before the
     * answer is returned, and the clients it concerns are disconnected.
     */
    public synchronized CommandOutcome apply(byte[] payload) {
        CommandOutcome outcome = DynsecCommands.apply(state, payload, random);
        if (outcome.saved()) {
            install(outcome.state(), outcome.kicks());
        }
        return outcome;
    }

    /** A state decided elsewhere (or here): saved to this node's file, put in force, clients kicked. */
    public synchronized void install(DynsecState newState, Kicks kicks) {
        state = newState;
        try {
            DynsecFile.write(file, newState);
        } catch (IOException e) {
            // in force anyway: refusing the change here would leave this node behind the others
            log.error("Cannot save dynamic security to {}: {}", file, e.toString());
        }
        if (!kicks.isEmpty()) {
            kicker.accept(kicks);
        }
    }
}
