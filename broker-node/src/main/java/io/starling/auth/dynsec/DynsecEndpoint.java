package io.starling.auth.dynsec;

import io.starling.publish.ControlEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code $CONTROL/dynamic-security/v1} on a node of its own: each request is applied to the
 * node's {@link DynamicSecurity} and answered on {@code .../response}, as by Mosquitto's plugin.
 * Who may send requests is decided by the ACL check every PUBLISH passes first (the admin role
 * of {@code dynsec init} grants it).
 */
public final class DynsecEndpoint implements ControlEndpoints.Endpoint {

    private final DynamicSecurity dynsec;

    public DynsecEndpoint(DynamicSecurity dynsec) {
        this.dynsec = dynsec;
    }

    @Override
    public CompletionStage<byte[]> handle(ControlEndpoints.ControlRequest request) {
        CommandOutcome outcome = dynsec.apply(request.payload());
        return CompletableFuture.completedFuture(outcome.response().getBytes(StandardCharsets.UTF_8));
    }
}
