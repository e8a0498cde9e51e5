package dev.browserstorage.bench.jmh;

import dev.browserstorage.bench.model.BenchAccountStore;
import dev.browserstorage.bench.model.BenchPreferencesStore;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.codec.ValueCodec;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.ValueProtection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What versions and protection (issue #18) cost: a typed read of a field in a versioned store, of a
 * {@code @Signed} and of an {@code @Encrypted} field, each against the plain getter of an
 * unversioned store in the same run; and sealing and opening one value against the codec's own
 * encode and decode of it (what every write and the first read of a stored text pay anyway).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtectedRead {
    private static final String TEXT = "\"a note of forty characters, more or less\"";
    private static final String BINDING = "local\naccount.note";

    private BenchPreferencesStore plain;
    private BenchAccountStore account;
    private KeyRing keys;
    private String signed;
    private String encrypted;
    private final ValueCodec<String> codec = Codecs.string();

    /** Hydrates one browser holding both stores, its protected values sealed with the ring it opens them with. */
    @Setup(Level.Trial)
    public void setUp() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        keys = KeyRing.of(Map.of("k1", secret), "k1");
        signed = keys.seal(Protection.SIGNED, "local\naccount.plan", 0, "\"pro\"");
        encrypted = keys.seal(Protection.ENCRYPTED, BINDING, 0, TEXT);
        Map<String, String> local = new HashMap<>();
        local.put("bench:prefs.fontSize", "16");
        local.put("bench:account", "2");
        local.put("bench:account.level", "3");
        local.put("bench:account.plan", signed);
        local.put("bench:account.note", encrypted);
        Browser browser = Browser.builder("jmh-browser", "bench")
                .protection(new ValueProtection(keys, rejected -> {
                    throw new IllegalStateException("refused " + rejected);
                }))
                .build();
        browser.link().hydrate(new Snapshot(URI.create("http://localhost/"), local, Map.of(), Map.of()));
        plain = new BenchPreferencesStore(browser);
        account = new BenchAccountStore(browser);
        if (!"pro".equals(account.getPlan()) || account.getNote().isEmpty() || account.getLevel() != 3) {
            throw new IllegalStateException("the account store does not read what was stored");
        }
    }

    /** @return the baseline: a plain int field of an unversioned store */
    @Benchmark
    public int plainGetter() {
        return plain.getFontSize();
    }

    /** @return a plain int field of a versioned store (its read guard) */
    @Benchmark
    public int versionedGetter() {
        return account.getLevel();
    }

    /** @return a signed String field, opened once per stored text */
    @Benchmark
    public String signedGetter() {
        return account.getPlan();
    }

    /** @return an encrypted String field, opened once per stored text */
    @Benchmark
    public String encryptedGetter() {
        return account.getNote();
    }

    /** @return the codec's encode of the value: what every write pays anyway */
    @Benchmark
    public String codecEncode() {
        return codec.encode("a note of forty characters, more or less");
    }

    /** @return the codec's decode of the stored text: what the first read of a text pays anyway */
    @Benchmark
    public String codecDecode() {
        return codec.decode(TEXT);
    }

    /** @return the text signed (HMAC-SHA256) */
    @Benchmark
    public String sealSigned() {
        return keys.seal(Protection.SIGNED, BINDING, 0, TEXT);
    }

    /** @return the text encrypted (AES-256-GCM, a fresh IV) */
    @Benchmark
    public String sealEncrypted() {
        return keys.seal(Protection.ENCRYPTED, BINDING, 0, TEXT);
    }

    /**
     * @return the signed text opened
     * @throws Exception never: it opens
     */
    @Benchmark
    public String openSigned() throws Exception {
        return keys.open("local\naccount.plan", signed, 0).text();
    }

    /**
     * @return the encrypted text opened
     * @throws Exception never: it opens
     */
    @Benchmark
    public String openEncrypted() throws Exception {
        return keys.open(BINDING, encrypted, 0).text();
    }

    /**
     * Runs the benchmark and prints the ratios.
     *
     * @param args unused
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, Double> ns = JmhRun.scores(ProtectedRead.class);
        double getter = ns.get("plainGetter");
        System.out.printf("%nVersions and protection (ns/op): %s%n", ns);
        System.out.printf("versioned store's getter / plain getter = %.2fx%n", ns.get("versionedGetter") / getter);
        System.out.printf("signed getter / plain getter = %.2fx%n", ns.get("signedGetter") / getter);
        System.out.printf("encrypted getter / plain getter = %.2fx%n", ns.get("encryptedGetter") / getter);
        System.out.printf(
                "seal signed / codec encode = %.2fx, seal encrypted / codec encode = %.2fx%n",
                ns.get("sealSigned") / ns.get("codecEncode"), ns.get("sealEncrypted") / ns.get("codecEncode"));
        System.out.printf(
                "open signed / codec decode = %.2fx, open encrypted / codec decode = %.2fx%n",
                ns.get("openSigned") / ns.get("codecDecode"), ns.get("openEncrypted") / ns.get("codecDecode"));
    }
}
