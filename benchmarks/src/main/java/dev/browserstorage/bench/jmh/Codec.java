package dev.browserstorage.bench.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.browserstorage.bench.model.BenchPreferences;
import dev.browserstorage.bench.model.BenchPreferencesStore;
import dev.browserstorage.bench.model.Theme;
import dev.browserstorage.codec.ValueCodec;
import dev.browserstorage.store.StoreField;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 2, codecs: a preferences POJO encoded and decoded the way the generated store does it
 * (each field by the streaming codec the processor chose for it, one stored text per field, as the
 * browser keeps one key per field), against Jackson databind writing and reading the same POJO as
 * one JSON document with a default {@code ObjectMapper}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Codec {
    private static final ValueCodec<Theme> THEME = codec("theme");
    private static final ValueCodec<Integer> FONT_SIZE = codec("fontSize");
    private static final ValueCodec<String> LANGUAGE = codec("language");
    private static final ValueCodec<String> TIME_ZONE = codec("timeZone");
    private static final ValueCodec<Boolean> SHOW_TIPS = codec("showTips");
    private static final ValueCodec<Double> ZOOM = codec("zoom");
    private static final ValueCodec<List<String>> RECENT_SEARCHES = codec("recentSearches");

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final BenchPreferences preferences = new BenchPreferences();
    private final String[] storedTexts;
    private final String document;

    /** Sets up a POJO with every field away from its default, and its encoded forms. */
    public Codec() {
        preferences.theme = Theme.DARK;
        preferences.fontSize = 16;
        preferences.language = "fr-CA";
        preferences.timeZone = "America/Montreal";
        preferences.showTips = false;
        preferences.zoom = 1.25;
        preferences.recentSearches =
                List.of("jmh", "quarkus websockets", "vert.x", "jackson streaming", "browser storage");
        storedTexts = generatedEncode();
        try {
            document = mapper.writeValueAsString(preferences);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> ValueCodec<T> codec(String field) {
        for (StoreField<?> candidate : BenchPreferencesStore.DESCRIPTOR.fields()) {
            if (candidate.name().equals(field)) {
                return (ValueCodec<T>) candidate.storedCodec();
            }
        }
        throw new IllegalArgumentException("BenchPreferencesStore has no field " + field);
    }

    /** @return the stored text of every field, each encoded by its generated codec */
    @Benchmark
    public String[] generatedEncode() {
        String[] texts = new String[7];
        texts[0] = THEME.encode(preferences.theme);
        texts[1] = FONT_SIZE.encode(preferences.fontSize);
        texts[2] = LANGUAGE.encode(preferences.language);
        texts[3] = TIME_ZONE.encode(preferences.timeZone);
        texts[4] = SHOW_TIPS.encode(preferences.showTips);
        texts[5] = ZOOM.encode(preferences.zoom);
        texts[6] = RECENT_SEARCHES.encode(preferences.recentSearches);
        return texts;
    }

    /** @return the POJO decoded field by field from its stored texts */
    @Benchmark
    public BenchPreferences generatedDecode() {
        BenchPreferences decoded = new BenchPreferences();
        decoded.theme = THEME.decode(storedTexts[0]);
        decoded.fontSize = FONT_SIZE.decode(storedTexts[1]);
        decoded.language = LANGUAGE.decode(storedTexts[2]);
        decoded.timeZone = TIME_ZONE.decode(storedTexts[3]);
        decoded.showTips = SHOW_TIPS.decode(storedTexts[4]);
        decoded.zoom = ZOOM.decode(storedTexts[5]);
        decoded.recentSearches = RECENT_SEARCHES.decode(storedTexts[6]);
        return decoded;
    }

    /**
     * @return the POJO as one JSON document
     * @throws IOException never, for this POJO
     */
    @Benchmark
    public String databindEncode() throws IOException {
        return mapper.writeValueAsString(preferences);
    }

    /**
     * @return the POJO read from one JSON document
     * @throws IOException never, for this document
     */
    @Benchmark
    public BenchPreferences databindDecode() throws IOException {
        return mapper.readValue(document, BenchPreferences.class);
    }

    /**
     * The second, per-field baseline: databind writing each field on its own, seven documents, as
     * one key per field needs (the target stays against the one-document baseline).
     *
     * @return the stored text of every field
     * @throws IOException never, for these values
     */
    @Benchmark
    public String[] databindPerFieldEncode() throws IOException {
        String[] texts = new String[7];
        texts[0] = mapper.writeValueAsString(preferences.theme);
        texts[1] = mapper.writeValueAsString(preferences.fontSize);
        texts[2] = mapper.writeValueAsString(preferences.language);
        texts[3] = mapper.writeValueAsString(preferences.timeZone);
        texts[4] = mapper.writeValueAsString(preferences.showTips);
        texts[5] = mapper.writeValueAsString(preferences.zoom);
        texts[6] = mapper.writeValueAsString(preferences.recentSearches);
        return texts;
    }

    /**
     * The per-field baseline of decoding: databind reading each stored text on its own.
     *
     * @return the POJO
     * @throws IOException never, for these texts
     */
    @Benchmark
    public BenchPreferences databindPerFieldDecode() throws IOException {
        BenchPreferences decoded = new BenchPreferences();
        decoded.theme = mapper.readValue(storedTexts[0], Theme.class);
        decoded.fontSize = mapper.readValue(storedTexts[1], Integer.class);
        decoded.language = mapper.readValue(storedTexts[2], String.class);
        decoded.timeZone = mapper.readValue(storedTexts[3], String.class);
        decoded.showTips = mapper.readValue(storedTexts[4], Boolean.class);
        decoded.zoom = mapper.readValue(storedTexts[5], Double.class);
        decoded.recentSearches = mapper.readValue(storedTexts[6], STRING_LIST);
        return decoded;
    }

    /**
     * Runs the benchmark and prints the ratios.
     *
     * @param args unused
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, Double> ns = JmhRun.scores(Codec.class);
        System.out.printf("%nCodec (ns/op): %s%n", ns);
        System.out.printf(
                "encode: databind / generated = %.2fx (target >= 1.5x)%n",
                ns.get("databindEncode") / ns.get("generatedEncode"));
        System.out.printf(
                "decode: databind / generated = %.2fx (target >= 1.5x)%n",
                ns.get("databindDecode") / ns.get("generatedDecode"));
        System.out.printf(
                "encode: databind per field / generated = %.2fx (second baseline)%n",
                ns.get("databindPerFieldEncode") / ns.get("generatedEncode"));
        System.out.printf(
                "decode: databind per field / generated = %.2fx (second baseline)%n",
                ns.get("databindPerFieldDecode") / ns.get("generatedDecode"));
    }
}
