package dev.browserstorage.bench.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the Chromium page measured, handed from the page (which posts it) to the harness (which
 * waits for it). One report per run of the app.
 */
@ApplicationScoped
public class ChromiumReport {
    private final CompletableFuture<String> report = new CompletableFuture<>();

    void post(String json) {
        report.complete(json);
    }

    CompletionStage<String> await() {
        return report;
    }
}
