package io.starling.auth.dynsec;

import java.util.Set;

/**
 * The connected clients a batch of commands disconnects, as Mosquitto's plugin does with
 * {@code mosquitto_kick_client_by_username} so that changed rights apply at once.
 *
 * @param usernames every client connected with one of these usernames is disconnected (including
 *                  clients a different security source let in with that username)
 * @param anonymous every client connected without a username is disconnected
 */
public record Kicks(Set<String> usernames, boolean anonymous) {

    public static final Kicks NONE = new Kicks(Set.of(), false);

    public Kicks {
        usernames = Set.copyOf(usernames);
    }

    public boolean isEmpty() {
        return usernames.isEmpty() && !anonymous;
    }
}
