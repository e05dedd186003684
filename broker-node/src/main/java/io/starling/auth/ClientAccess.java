package io.starling.auth;

/**
 * What one connected client may do: its identity (client id, username) against the rules of the
 * listener it came through, as they are at each check.
 */
public final class ClientAccess {

    private final ListenerSecurity security;
    private final String clientId;
    private final String username;

    public ClientAccess(ListenerSecurity security, String clientId, String username) {
        this.security = security;
        this.clientId = clientId;
        this.username = username;
    }

    public boolean allows(String topic, Access access) {
        return security.rules().allows(clientId, username, topic, access);
    }

    public String username() {
        return username;
    }
}
