package dev.browserstorage.bench.harness;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import dev.browserstorage.processor.BrowserStorageProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Benchmark 7, processor overhead: {@code javac} (in this JVM, through {@code javax.tools}) on
 * 1,000 annotated POJOs with the processor against the same compilation without it
 * ({@code -proc:none}), in alternating rounds after a warm-up on a tenth of them; the time spent inside
 * the processor itself is reported apart from the time javac takes to compile what it generated.
 * Then one POJO is edited and recompiled alone against the earlier classes (what IDEs, dev mode and
 * Gradle do, the processor being {@code isolating}): the harness checks that the processor rewrites
 * that POJO's files only, and that the result is byte for byte what a full rebuild writes.
 *
 * <p>The floor: the sources the processor generated are also compiled alone ({@code -proc:none},
 * against the POJOs' classes), and every compilation's time is split by javac phase (parse, enter,
 * analyze, generate), so what is left of the ratio once the processor itself costs nothing is measured,
 * not inferred.
 *
 * <p>System properties: {@code bench.pojos} (1000), {@code bench.rounds} (2).
 */
public final class ProcessorOverhead {

    private ProcessorOverhead() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if a compilation fails
     */
    public static void main(String[] args) throws Exception {
        int pojos = Integer.getInteger("bench.pojos", 1000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        Path work = Files.createDirectories(Path.of("target", "processor-bench"));
        deleteTree(work);
        List<Path> sources = writePojos(work.resolve("src"), pojos);
        System.out.printf("%d POJOs of 7 fields each in %s%n", pojos, work.resolve("src"));

        // A tenth of the sources warms javac and the processor up; the timed rounds then alternate.
        List<Path> warmupSources = sources.subList(0, Math.max(1, sources.size() / 10));
        compile(warmupSources, work.resolve("warmup-without"), false, List.of());
        compile(warmupSources, work.resolve("warmup-with"), true, List.of());
        long[] without = new long[rounds];
        long[] with = new long[rounds];
        long[] inProcessor = new long[rounds];
        Compilation last = null;
        Compilation lastWithout = null;
        for (int round = 0; round < rounds; round++) {
            lastWithout = compile(sources, work.resolve("without-" + round), false, List.of());
            without[round] = lastWithout.nanos;
            last = compile(sources, work.resolve("with-" + round), true, List.of());
            with[round] = last.nanos;
            inProcessor[round] = last.processorNanos;
            System.out.printf(
                    "round %d: without %.2f s, with %.2f s (%.2f s inside the processor, %d files generated)%n",
                    round + 1,
                    without[round] / 1e9,
                    with[round] / 1e9,
                    inProcessor[round] / 1e9,
                    last.generated.size());
        }
        double withoutMedian = median(without);
        double withMedian = median(with);
        double processorMedian = median(inProcessor);
        System.out.printf(
                "median of %d rounds: without %.2f s, with %.2f s: %.2fx (target <= 2x)%n",
                rounds, withoutMedian / 1e9, withMedian / 1e9, withMedian / withoutMedian);
        System.out.printf(
                "  inside the processor %.2f s (%.2fx of the compilation without it); compiling what it generated %.2f s%n",
                processorMedian / 1e9,
                (withoutMedian + processorMedian) / withoutMedian,
                (withMedian - withoutMedian - processorMedian) / 1e9);
        System.out.printf("  last round by javac phase: without: %s; with: %s%n", lastWithout.phases(), last.phases());

        // The floor: javac on what the processor generated, alone, next to javac on the POJOs alone.
        List<Path> generatedSources;
        try (Stream<Path> files = Files.walk(last.out.resolve("generated"))) {
            generatedSources = files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
        Compilation storesAlone = compile(
                generatedSources, work.resolve("stores-alone"), false, List.of(lastWithout.out.resolve("classes")));
        System.out.printf(
                "floor: the %d generated stores alone (-proc:none, against the POJOs' classes) %.2f s: %.2fx the POJOs"
                        + " alone; by phase: %s%n",
                generatedSources.size(),
                storesAlone.nanos / 1e9,
                storesAlone.nanos / withoutMedian,
                storesAlone.phases());

        editOnePojo(work, sources, last);
    }

    /**
     * Edits one POJO and recompiles only it, against the earlier build's classes, as an IDE, dev mode
     * or Gradle (the processor is isolating) does; checks that the processor rewrote that POJO's files
     * only, and that the earlier build's output with them laid over it is what a full rebuild of the
     * edited sources writes: nothing left stale, nothing lost.
     */
    private static void editOnePojo(Path work, List<Path> sources, Compilation before) throws Exception {
        Path edited = sources.get(sources.size() / 2);
        String text = Files.readString(edited);
        Files.writeString(
                edited,
                text.replace("public double zoom = 1.0;", "public double zoom = 1.0;\n    public int added = 1;"));
        String pojo = "gen." + edited.getFileName().toString().replace(".java", "");

        Compilation single = compile(
                List.of(edited), work.resolve("incremental-single"), true, List.of(before.out.resolve("classes")));
        System.out.printf("after editing %s:%n", edited.getFileName());
        System.out.printf(
                "  recompiling only it: the processor writes %d files %s%n", single.generated.size(), single.generated);
        List<String> others = single.generated.stream()
                .filter(file -> !file.contains(pojo.replace('.', '/') + "Store.java") && !file.contains(pojo + "."))
                .toList();
        if (single.generated.isEmpty() || !others.isEmpty()) {
            throw new IllegalStateException("recompiling " + pojo + " alone wrote other POJOs' files: " + others);
        }

        Map<String, byte[]> earlier = outputs(before);
        Map<String, byte[]> incremental = new TreeMap<>(earlier);
        incremental.putAll(outputs(single));
        Compilation full = compile(sources, work.resolve("full-rebuild"), true, List.of());
        Map<String, byte[]> rebuilt = outputs(full);
        List<String> differ = new ArrayList<>();
        for (String file : union(incremental.keySet(), rebuilt.keySet())) {
            if (!Arrays.equals(incremental.get(file), rebuilt.get(file))) {
                differ.add(file);
            }
        }
        if (!differ.isEmpty()) {
            throw new IllegalStateException("the earlier build's output with " + pojo
                    + "'s new files over it differs from a full" + " rebuild's in: " + differ);
        }
        long changed = rebuilt.keySet().stream()
                .filter(file -> !Arrays.equals(rebuilt.get(file), earlier.get(file)))
                .count();
        System.out.printf(
                "  the earlier build's %d files with those over them are byte for byte a full rebuild's (%d files, %d of"
                        + " them changed by the edit): nothing stale%n",
                earlier.size(), rebuilt.size(), changed);
    }

    /** Every file a compilation's processor wrote, by its path in the output, with its bytes. */
    private static Map<String, byte[]> outputs(Compilation compilation) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String file : compilation.generated) {
            files.put(file, Files.readAllBytes(compilation.out.resolve(file)));
        }
        return files;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Path> writePojos(Path src, int count) throws IOException {
        Path dir = Files.createDirectories(src.resolve("gen"));
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("Prefs%04d", i);
            Path file = dir.resolve(name + ".java");
            Files.writeString(
                    file,
                    "package gen;\n\n"
                            + "import dev.browserstorage.annotation.LocalStorage;\n"
                            + "import dev.browserstorage.bench.model.Theme;\n"
                            + "import java.util.List;\n\n"
                            + "/** Generated for the processor benchmark. */\n"
                            + "@LocalStorage(\"p" + i + "\")\n"
                            + "public class " + name + " {\n"
                            + "    public Theme theme = Theme.LIGHT;\n"
                            + "    public int fontSize = " + (10 + i % 10) + ";\n"
                            + "    public String language = \"en\";\n"
                            + "    public String timeZone = \"UTC\";\n"
                            + "    public boolean showTips = true;\n"
                            + "    public double zoom = 1.0;\n"
                            + "    public List<String> recentSearches = List.of();\n"
                            + "}\n",
                    StandardCharsets.UTF_8);
            sources.add(file);
        }
        return sources;
    }

    /**
     * What one compilation took, by javac phase too, and which files the processor wrote (relative to
     * its output directory).
     */
    private static final class Compilation {
        final Path out;
        final long nanos;
        final long processorNanos;
        final Set<String> generated;
        final Map<TaskEvent.Kind, Long> phaseNanos;

        Compilation(
                Path out,
                long nanos,
                long processorNanos,
                Set<String> generated,
                Map<TaskEvent.Kind, Long> phaseNanos) {
            this.out = out;
            this.nanos = nanos;
            this.processorNanos = processorNanos;
            this.generated = generated;
            this.phaseNanos = phaseNanos;
        }

        /**
         * The time of each phase. Annotation processing includes the processor's own time and javac's
         * parsing and entering of the generated sources (counted in parse and enter as well).
         */
        String phases() {
            return phaseNanos.entrySet().stream()
                    .filter(phase -> phase.getKey() != TaskEvent.Kind.COMPILATION)
                    .map(phase -> String.format(
                            "%s %.2f s",
                            phase.getKey().name().toLowerCase(java.util.Locale.ROOT), phase.getValue() / 1e9))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Adds up the wall time of each javac phase: from the first file's start event to the last file's
     * finish (javac enters, analyzes and generates the files of a phase together).
     */
    private static final class PhaseTimes implements TaskListener {
        final Map<TaskEvent.Kind, Long> nanos = new EnumMap<>(TaskEvent.Kind.class);
        private final Map<TaskEvent.Kind, Integer> open = new EnumMap<>(TaskEvent.Kind.class);
        private final Map<TaskEvent.Kind, Long> since = new EnumMap<>(TaskEvent.Kind.class);

        @Override
        public void started(TaskEvent event) {
            if (open.merge(event.getKind(), 1, Integer::sum) == 1) {
                since.put(event.getKind(), System.nanoTime());
            }
        }

        @Override
        public void finished(TaskEvent event) {
            if (open.merge(event.getKind(), -1, Integer::sum) <= 0) {
                open.put(event.getKind(), 0);
                Long start = since.remove(event.getKind());
                if (start != null) {
                    nanos.merge(event.getKind(), System.nanoTime() - start, Long::sum);
                }
            }
        }
    }

    private static Compilation compile(List<Path> sources, Path out, boolean withProcessor, List<Path> extraClassPath)
            throws IOException {
        Path classes = Files.createDirectories(out.resolve("classes"));
        Path generatedSources = Files.createDirectories(out.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = Stream.concat(
                        extraClassPath.stream().map(Path::toString), Stream.of(System.getProperty("java.class.path")))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> options = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-s",
                generatedSources.toString(),
                "-classpath",
                classPath,
                "--release",
                "17",
                "-nowarn",
                "-Xlint:none"));
        if (!withProcessor) {
            options.add("-proc:none");
        }
        try (StandardJavaFileManager standard =
                javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            Set<String> generated = new TreeSet<>();
            Path base = out.toAbsolutePath();
            JavaFileManager recording = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(
                        Location location, String className, JavaFileObject.Kind kind, FileObject sibling)
                        throws IOException {
                    JavaFileObject file = super.getJavaFileForOutput(location, className, kind, sibling);
                    if (location == StandardLocation.SOURCE_OUTPUT) {
                        generated.add(base.relativize(Path.of(file.toUri())).toString());
                    }
                    return file;
                }

                @Override
                public FileObject getFileForOutput(
                        Location location, String packageName, String relativeName, FileObject sibling)
                        throws IOException {
                    FileObject file = super.getFileForOutput(location, packageName, relativeName, sibling);
                    generated.add(base.relativize(Path.of(file.toUri())).toString());
                    return file;
                }
            };
            JavaCompiler.CompilationTask task = javac.getTask(
                    null, recording, diagnostics, options, null, standard.getJavaFileObjectsFromPaths(sources));
            PhaseTimes phases = new PhaseTimes();
            ((JavacTask) task).addTaskListener(phases);
            TimedProcessor processor = new TimedProcessor(new BrowserStorageProcessor());
            if (withProcessor) {
                task.setProcessors(List.of(processor));
            }
            long start = System.nanoTime();
            boolean ok = task.call();
            long nanos = System.nanoTime() - start;
            if (!ok) {
                throw new IllegalStateException("javac failed: " + diagnostics.getDiagnostics());
            }
            return new Compilation(out, nanos, processor.nanos, generated, phases.nanos);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
        Files.createDirectories(root);
    }

    /** Runs a processor and adds up the time spent in it. */
    private static final class TimedProcessor implements Processor {
        private final Processor delegate;
        long nanos;

        TimedProcessor(Processor delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment env) {
            long start = System.nanoTime();
            delegate.init(env);
            nanos += System.nanoTime() - start;
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            long start = System.nanoTime();
            boolean claimed = delegate.process(annotations, round);
            nanos += System.nanoTime() - start;
            return claimed;
        }

        @Override
        public Iterable<? extends Completion> getCompletions(
                Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }
    }
}
