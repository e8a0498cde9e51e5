package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.HydrationStep;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import dev.browserstorage.quarkus.runtime.RequestBrowser;
import dev.browserstorage.quarkus.runtime.StoreServices;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import dev.browserstorage.quarkus.runtime.sharing.SocketRoute;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The app's nodes share its browsers through Redis ({@code docs/scale-out.md}): this node's
 * {@link Replicas} (what the app's code reads and writes), {@link Owners} (the browsers whose
 * sockets reached this node first) and {@link Relays} (sockets whose browser another node owns),
 * over one {@link RedisLink}.
 */
@ApplicationScoped
@Startup
public class RedisSharing implements BrowserSharing {
    private static final Logger LOG = Logger.getLogger(RedisSharing.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Vertx vertx;

    @Inject
    Redis redis;

    @Inject
    RedisScaleOutConfig config;

    @Inject
    BrowserStorageConfig storageConfig;

    @Inject
    Instance<BrowserRegistry> registryInstance;

    /** Lazily: it reads the shared secrets from this bean. */
    @Inject
    Instance<StoreServices> servicesInstance;

    @ConfigProperty(name = "quarkus.application.name")
    Optional<String> appName;

    private RedisLink link;
    private volatile Owners owners;
    private Relays relays;
    private Replicas replicas;
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
    private Mac labels;

    @PostConstruct
    void start() {
        String appId = storageConfig.appId().or(() -> appName).orElse("app");
        link = new RedisLink(
                vertx, redis, config, config.keyPrefix() + ":" + appId, this::onMessage, this::onResubscribed);
        // The secrets every node must share: read (or first written) once, before any request. The
        // protection key too when the app configures none, whether or not it has protected fields now:
        // a node that starts with them later finds the key the others use.
        fetchSecret("browser-id-key", storageConfig.browserIdKey().isPresent());
        fetchSecret("cookie-commit-key", storageConfig.cookieCommitKey().isPresent());
        fetchSecret(StoreServices.SHARED_SECRET, !storageConfig.keys().isEmpty());
        byte[] labelKey = storageConfig
                .browserIdKey()
                .map(text -> text.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> secrets.get("browser-id-key"));
        try {
            labels = Mac.getInstance("HmacSHA256");
            labels.init(new SecretKeySpec(labelKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
        link.start();
        vertx.setPeriodic(Math.max(100, config.nodeTimeout().toMillis() / 3), id -> {
            if (relays != null) {
                relays.checkOwners();
            }
        });
        LOG.infof("browser-storage shares its browsers through Redis as node %s", link.nodeId());
    }

    private BrowserRegistry registry() {
        return registryInstance.get();
    }

    /**
     * The parts, made on first use: the registry needs this bean to be built first. Called on every
     * request and message, so it takes the lock only until they are made ({@code owners}, written
     * last, publishes the other two).
     */
    private void parts() {
        if (owners != null) {
            return;
        }
        synchronized (this) {
            if (owners == null) {
                long ttl = storageConfig.idleTimeout().toMillis();
                Replicas madeReplicas = new Replicas(link, registry(), vertx, ttl, storageConfig.maxPendingWrites());
                HydrationStep upkeep = servicesInstance.get().upkeep();
                Owners made = new Owners(
                        link,
                        registry(),
                        ttl,
                        (publicId, copy, tab) -> madeReplicas.upkeep(publicId, copy, tab, upkeep));
                relays = new Relays(link, made, vertx);
                replicas = madeReplicas;
                owners = made;
            }
        }
    }

    private void fetchSecret(String name, boolean configured) {
        if (configured) {
            return;
        }
        byte[] candidate = new byte[32];
        RANDOM.nextBytes(candidate);
        String encoded = Base64.getEncoder().encodeToString(candidate);
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(Math.max(config.nodeTimeout().toMillis(), 5000));
        while (true) {
            try {
                String shared = link.eval(Scripts.SECRET, List.of(link.prefix() + ":secret:" + name), List.of(encoded))
                        .toCompletableFuture()
                        .get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                        .toString();
                secrets.put(name, Base64.getDecoder().decode(shared));
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "browser-storage could not read the " + name + " the app's servers share"
                                    + " from Redis (" + e.getMessage() + "): start Redis first, or set"
                                    + " quarkus.browser-storage." + name + " to the same value on every server",
                            e);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    /**
     * The node is stopping: its browsers are given up and every sync socket it holds (its own and
     * those relayed to other owners) is closed, to reconnect to another node at once. Runs before
     * Quarkus waits for the node's requests ({@link RedisShutdownRecorder}); the subscription stays,
     * so writes made here still hear their answers meanwhile.
     */
    void handOver() {
        if (owners != null) {
            owners.releaseAll();
            relays.closeAll();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        handOver();
        link.stop();
    }

    /** Before a request's code runs, its browser's copy (and tab) has read the shared state. */
    void registerFilter(@Observes Filters filters) {
        filters.register(
                context -> {
                    String publicId = RequestBrowser.browserId(context);
                    // A fresh id (a first visit, a health check) has nothing to read anywhere.
                    if (publicId == null || RequestBrowser.isFresh(context)) {
                        context.next();
                        return;
                    }
                    parts();
                    CompletionStage<Void> ready;
                    try {
                        ready = replicas.ready(publicId, RequestBrowser.tabId(context));
                    } catch (RuntimeException e) {
                        context.next();
                        return;
                    }
                    if (ready.toCompletableFuture().isDone()) {
                        context.next();
                        return;
                    }
                    context.request().pause();
                    Context here = Vertx.currentContext();
                    ready.whenComplete((ok, failure) -> here.runOnContext(ignored -> {
                        context.next();
                        context.request().resume();
                    }));
                },
                // After BrowserIdFilter (100), which settles the request's browser.
                99);
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public void browserMade(String publicId, Browser browser) {
        parts();
        replicas.made(publicId, browser);
    }

    @Override
    public void browserReached(String publicId, Browser browser) {
        if (!browser.isHydrated()) {
            parts();
            replicas.read(publicId);
        }
    }

    @Override
    public void tabReached(String publicId, Tab tab) {
        parts();
        replicas.tabReached(publicId, tab);
    }

    @Override
    public void browserRekeyed(String oldId, String newId, Browser browser) {
        parts();
        replicas.rekeyed(newId, browser);
    }

    @Override
    public boolean isBusy(Browser browser) {
        // A copy here holds no socket: like a disconnected browser, idle ones go (their writes still
        // on their way then fail with DisconnectedException, as they would on one node).
        return false;
    }

    @Override
    public synchronized String label(String publicId) {
        byte[] tag = labels.doFinal(("label\n" + publicId).getBytes(StandardCharsets.UTF_8));
        return "b-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 12);
    }

    @Override
    public CompletionStage<SocketRoute> route(String publicId, String connectionId, String origin) {
        parts();
        return owners.claim(publicId).thenApply(claimed -> {
            if (claimed instanceof OwnedBrowser owned) {
                return new SocketRoute.Owned(owned.copy, owned);
            }
            String owner = (String) claimed;
            return new SocketRoute.Relayed(
                    relays.relay(publicId, owner.substring(0, owner.indexOf('|')), connectionId, origin));
        });
    }

    @Override
    public Optional<byte[]> sharedSecret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    /** Keeps a minted commit for its URL's life: {@code SET <prefix>:commit:<nonce> <entry> PX <ttl>}. */
    @Override
    public void commitMinted(String nonce, String entry, long ttlMillis) {
        link.call(Request.cmd(Command.SET)
                        .arg(commitKey(nonce))
                        .arg(entry)
                        .arg("PX")
                        .arg(Math.max(1, ttlMillis)))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.debugf(
                                "A cookie commit could not be shared (only this node can redeem it): %s",
                                failure.getMessage());
                    }
                });
    }

    /** Takes a commit once, of all the nodes: {@code GETDEL}. */
    @Override
    public CompletionStage<Optional<String>> takeCommit(String nonce) {
        return link.call(Request.cmd(Command.GETDEL).arg(commitKey(nonce)))
                .thenApply(taken -> Optional.ofNullable(taken).map(Response::toString));
    }

    private String commitKey(String nonce) {
        return link.prefix() + ":commit:" + nonce;
    }

    private void onMessage(String channel, String text) {
        parts();
        JsonNode message;
        try {
            message = WireWrites.JSON.readTree(text);
        } catch (Exception e) {
            LOG.debugf("Unreadable message on %s", channel);
            return;
        }
        if (LOG.isDebugEnabled() && !channel.equals(link.broadcastChannel())) {
            LOG.debugf(
                    "Message %s for browser %s",
                    message.path("k").asText(), message.path("b").asText("-"));
        }
        switch (message.path("k").asText()) {
            case "deliver" -> {
                OwnedBrowser owned = owners.find(message.path("b").asText());
                if (owned != null) {
                    owned.offer(message.path("e").asText());
                }
            }
            case "in", "in-closed", "out", "close" -> relays.onMessage(message);
            default -> replicas.onMessage(message);
        }
    }

    private void onResubscribed() {
        parts();
        // A Redis that lost its data lost the shared secrets too: the running nodes put theirs back
        // before a new node could make others.
        secrets.forEach((name, secret) -> link.eval(
                Scripts.SECRET,
                List.of(link.prefix() + ":secret:" + name),
                List.of(Base64.getEncoder().encodeToString(secret))));
        owners.resume();
        replicas.rereadAll();
    }
}
