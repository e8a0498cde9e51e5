package dev.browserstorage.quarkus.runtime.sharing;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One node holds its browsers alone: the default, replaced by the scale-out module. */
@ApplicationScoped
@DefaultBean
public class AloneSharing implements BrowserSharing {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public void browserMade(String publicId, Browser browser) {}

    @Override
    public void browserReached(String publicId, Browser browser) {}

    @Override
    public void tabReached(String publicId, Tab tab) {}

    @Override
    public void browserRekeyed(String oldId, String newId, Browser browser) {}

    @Override
    public boolean isBusy(Browser browser) {
        return browser.isConnected();
    }

    @Override
    public String label(String publicId) {
        byte[] label = new byte[9];
        RANDOM.nextBytes(label);
        return "b-" + Base64.getUrlEncoder().encodeToString(label);
    }

    @Override
    public CompletionStage<SocketRoute> route(String publicId, String connectionId, String origin) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("one node routes nothing"));
    }

    @Override
    public Optional<byte[]> sharedSecret(String name) {
        return Optional.empty();
    }

    @Override
    public void commitMinted(String nonce, String entry, long ttlMillis) {}

    @Override
    public CompletionStage<Optional<String>> takeCommit(String nonce) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
