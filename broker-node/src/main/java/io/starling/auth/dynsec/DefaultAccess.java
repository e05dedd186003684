package io.starling.auth.dynsec;

/**
 * What the plugin answers when no rule of any role matched: Mosquitto's {@code defaultACLAccess}.
 * A plugin with no file content denies everything ({@link #NONE}); {@code mosquitto_ctrl dynsec init}
 * writes {@link #INIT}.
 *
 * @param publishClientSend    default for a client's PUBLISH
 * @param publishClientReceive default for a delivery to a client
 * @param subscribe            default for a SUBSCRIBE
 * @param unsubscribe          default for an UNSUBSCRIBE
 */
public record DefaultAccess(boolean publishClientSend, boolean publishClientReceive,
                            boolean subscribe, boolean unsubscribe) {

    /** Everything denied: Mosquitto's start value when the file says nothing. */
    public static final DefaultAccess NONE = new DefaultAccess(false, false, false, false);

    /** The defaults {@code mosquitto_ctrl dynsec init} writes. */
    public static final DefaultAccess INIT = new DefaultAccess(false, true, false, true);

    /** The JSON names of the four kinds, in the order Mosquitto lists them. */
    public static final String PUBLISH_CLIENT_SEND = "publishClientSend";
    public static final String PUBLISH_CLIENT_RECEIVE = "publishClientReceive";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
}
