package io.starling.auth.dynsec;

/**
 * What one {@code $CONTROL/dynamic-security/v1} payload did.
 *
 * @param state    the state after every command of the payload
 * @param response the payload to publish on {@code $CONTROL/dynamic-security/v1/response}:
 *                 {@code {"responses":[...]}}, one entry per command
 * @param kicks    the clients to disconnect
 * @param saved    true if Mosquitto would have saved its file during this payload (some failed
 *                 commands change the state without saving; the next save writes those changes too)
 */
public record CommandOutcome(DynsecState state, String response, Kicks kicks, boolean saved) {
}
