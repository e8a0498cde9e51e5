package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A build run twice, or with its sources in another order, writes the same bytes. */
class DeterminismTest {
    private static final List<String> GOLDEN =
            List.of("everySupportedType", "sessionBean", "cookieStore", "records", "nestedClass");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"everySupportedType", "sessionBean", "cookieStore", "records", "nestedClass"})
    void twoCompilationsOfTheSameSourcesWriteTheSameBytes(String golden) {
        SortedMap<String, String> first = generate(GoldenFiles.inputs(golden));
        SortedMap<String, String> second = generate(GoldenFiles.inputs(golden));

        Assertions.assertThat(second).isEqualTo(first);
    }

    @Test
    void sourcesInReverseOrderWriteTheSameBytes() {
        List<JavaFileObject> all = new ArrayList<>();
        GOLDEN.forEach(name -> all.addAll(GoldenFiles.inputs(name)));
        List<JavaFileObject> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);

        SortedMap<String, String> forward = generate(all);
        SortedMap<String, String> backward = generate(reversed);

        Assertions.assertThat(forward.keySet().stream().filter(path -> path.endsWith("Store.java")))
                .hasSize(6);
        Assertions.assertThat(backward).isEqualTo(forward);
    }

    /** Every generated file's text (compared as text so a failure shows a diff; the bytes are UTF-8). */
    private static SortedMap<String, String> generate(List<JavaFileObject> sources) {
        Compilation compilation = Compilations.compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        SortedMap<String, String> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : GoldenFiles.generated(compilation).entrySet()) {
            files.put(file.getKey(), new String(file.getValue(), StandardCharsets.UTF_8));
        }
        Assertions.assertThat(files).isNotEmpty();
        return files;
    }
}
