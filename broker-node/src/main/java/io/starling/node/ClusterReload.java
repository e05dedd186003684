package io.starling.node;

import io.starling.route.cluster.ClusterMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * {@code starling-ctrl reload} in a cluster: every node re-reads its own password, ACL and TLS
 * files, whichever node the request came through. Each node runs a reloader registered with the
 * Receptionist; the node that took the request asks them all and reports every refusal with the
 * node it came from. (SIGHUP stays one node's: it is sent to one process.)
 */
final class ClusterReload {

    static final ServiceKey<Reload> KEY = ServiceKey.create(Reload.class, "starling-reload");

    /** Re-read your files and say what was refused. */
    record Reload(ActorRef<Reloaded> replyTo) implements ClusterMessage {
    }

    /** @param refused each as {@code file:line: reason}; empty when everything was applied */
    record Reloaded(String node, List<String> refused) implements ClusterMessage {
    }

    private ClusterReload() {
    }

    /** This node's reloader, named {@code node} in the answers. */
    static Behavior<Reload> reloader(String node, Supplier<List<String>> reload) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            return Behaviors.receiveMessage(request -> {
                request.replyTo().tell(new Reloaded(node, reload.get()));
                return Behaviors.same();
            });
        });
    }

    /** Reloads every node that has a reloader; completes with what was refused, node by node. */
    static CompletionStage<List<String>> everywhere(ActorSystem<?> system, Duration timeout) {
        CompletionStage<Receptionist.Listing> listing = AskPattern.ask(system.receptionist(),
                replyTo -> Receptionist.find(KEY, replyTo), timeout, system.scheduler());
        return listing.thenCompose(found -> {
            Set<ActorRef<Reload>> nodes = found.getServiceInstances(KEY);
            List<CompletableFuture<List<String>>> answers = nodes.stream()
                    .map(node -> AskPattern.<Reload, Reloaded>ask(node, Reload::new, timeout, system.scheduler())
                            .handle((reloaded, failure) -> failure != null
                                    ? List.of(node.path().address() + ": no answer within " + timeout.toSeconds() + " s")
                                    : reloaded.refused().stream().map(refused -> reloaded.node() + ": " + refused)
                                            .toList())
                            .toCompletableFuture())
                    .toList();
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .thenApply(done -> answers.stream().flatMap(answer -> answer.join().stream()).toList());
        });
    }
}
