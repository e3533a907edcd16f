import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns the raw output of tools/bench-all into the markdown of docs/benchmarks.md. A single-file
 * Java program (JDK 11+ runs it from source, no build, no python):
 *
 * <pre>
 *   java tools/BenchReport.java jmh  DIR   # DIR/jmh.json (+ numpy*.json, epoch.txt, facts) -> tables
 *   java tools/BenchReport.java jfr  FILE  # a JFR recording -> where the samples fall, top frames
 * </pre>
 *
 * Every JMH row shows its median over all forks and iterations, JMH's mean ± 99.9% error, that error
 * as a share of the median (flagged when 10% or more), min .. max and forks × iterations.
 */
public final class BenchReport {
    private static final int TOP = 12;

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("jmh") || args[0].equals("jfr"))) {
            System.err.println("usage: java tools/BenchReport.java jmh DIR | jfr FILE.jfr");
            System.exit(2);
        }
        System.out.print(args[0].equals("jmh") ? jmh(Path.of(args[1])) : jfr(Path.of(args[1])));
    }

    // ---- JMH ------------------------------------------------------------------------------------

    /** One JMH result: its name with params, the samples, and the unit. */
    record Row(String name, String params, List<Double> samples, double mean, double error, String unit,
               int forks, int iterations) {
        double median() {
            List<Double> s = new ArrayList<>(samples);
            Collections.sort(s);
            int m = s.size() / 2;
            return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
        }

        double relativeError() {
            return error / median();
        }
    }

    static String jmh(Path dir) throws IOException {
        List<Row> rows = rows(Json.parse(Files.readString(dir.resolve("jmh.json"))));
        StringBuilder md = new StringBuilder();
        md.append("| benchmark | params | median | mean ± 99.9% error | error / median | min .. max | unit | forks × iterations |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            double min = Collections.min(r.samples()), max = Collections.max(r.samples());
            md.append(String.format(Locale.ROOT, "| %s | %s | **%s** | %s ± %s | %s%s | %s .. %s | %s | %d × %d |%n",
                    r.name(), r.params(), fmt(r.median()), fmt(r.mean()), fmt(r.error()),
                    Double.isNaN(r.error()) ? "none: too few samples" : pct(r.relativeError()),
                    r.relativeError() < 0.10 ? "" : " (≥ 10%)",
                    fmt(min), fmt(max), r.unit(), r.forks(), r.iterations()));
        }
        long wide = rows.stream().filter(r -> !(r.relativeError() < 0.10)).count();
        md.append(wide == 0 ? "\nEvery error is under 10% of its median.\n"
                : "\n**" + wide + " of " + rows.size() + " rows have an error of 10% or more of the median, or none:"
                + " not precise enough to quote; rerun on a quieter machine or with more forks.**\n");

        // the ratio table: gradcheck's images/s against the numpy baseline measured in the same run
        Map<String, Object> numpy = readJson(dir.resolve("numpy.json"));
        Map<String, Object> numpy1 = readJson(dir.resolve("numpy-1t.json"));
        md.append("\n| measure | gradcheck | images/s (median) | numpy, its default threads | × | numpy, 1 BLAS thread | × |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            String kind = r.name().endsWith("TrainStep.step") ? "train_step_images_per_s"
                    : r.name().endsWith("Inference.correctOn2000") ? "inference_images_per_s" : null;
            if (kind == null) {
                continue;
            }
            double rate = kind.startsWith("train") ? r.median() : 2000 / (r.median() / 1000);  // ms per 2,000 images
            md.append(String.format(Locale.ROOT, "| %s | %s | **%s** | %s | %s | %s | %s |%n",
                    kind.startsWith("train") ? "train step, batch 100" : "inference, 2,000 digits, batch 100",
                    r.params(), fmt(rate), numpyRate(numpy, kind), ratio(rate, numpy, kind),
                    numpyRate(numpy1, kind), ratio(rate, numpy1, kind)));
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Row> rows(Object json) {
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) json) {
            Map<String, Object> b = (Map<String, Object>) o;
            Map<String, Object> m = (Map<String, Object>) b.get("primaryMetric");
            List<Double> samples = new ArrayList<>();
            List<Object> forks = (List<Object>) m.get("rawData");
            for (Object fork : forks) {
                for (Object v : (List<Object>) fork) {
                    samples.add(num(v));
                }
            }
            Map<String, Object> params = (Map<String, Object>) b.getOrDefault("params", Map.of());
            String p = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            String name = ((String) b.get("benchmark")).replace("io.gradcheck.", "");
            String unit = (String) m.get("scoreUnit");
            // TrainStep counts 100 operations a step, one per image; GemmBench one per floating-point operation
            unit = name.startsWith("bench.TrainStep") && unit.equals("ops/s") ? "images/s"
                    : name.startsWith("tensor.GemmBench") && unit.equals("ops/ns") ? "GFLOP/s"
                    : name.startsWith("bench.Inference") ? unit + " per 2,000 images" : unit;
            rows.add(new Row(name, p, samples, num(m.get("score")), num(m.get("scoreError")), unit,
                    forks.size(), (int) num(b.get("measurementIterations"))));
        }
        return rows;
    }

    /** A JSON number, or JMH's "NaN" (a string: the error of a single sample). */
    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble((String) o);
    }

    @SuppressWarnings("unchecked")
    static String numpyRate(Map<String, Object> numpy, String kind) {
        if (numpy == null) {
            return "skipped";
        }
        Map<String, Object> s = (Map<String, Object>) numpy.get(kind);
        return fmt(((Number) s.get("median")).doubleValue()) + " (" + fmt(((Number) s.get("min")).doubleValue())
                + " .. " + fmt(((Number) s.get("max")).doubleValue()) + ")";
    }

    @SuppressWarnings("unchecked")
    static String ratio(double rate, Map<String, Object> numpy, String kind) {
        if (numpy == null) {
            return "";
        }
        double base = ((Number) ((Map<String, Object>) numpy.get(kind)).get("median")).doubleValue();
        return String.format(Locale.ROOT, "**%.2f×**", rate / base);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path p) throws IOException {
        return Files.exists(p) ? (Map<String, Object>) Json.parse(Files.readString(p)) : null;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    // ---- JFR ------------------------------------------------------------------------------------

    /**
     * Java samples (jdk.ExecutionSample) and native ones (jdk.NativeMethodSample, where dgemm runs)
     * are weighted by their sampling periods under settings=profile (10 and 20 ms per thread) into
     * estimated thread time. Only samples of the measured code count: a stack with a gradcheck frame
     * and no benchmark setup (data loading, random weights); JMH's own threads are left out.
     */
    static String jfr(Path file) throws IOException {
        Map<String, Double> self = new HashMap<>(), where = new HashMap<>();
        double total = 0, left = 0, gcMs = 0;
        int gcs = 0;
        Map<String, Integer> count = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcMs += e.getDuration().toNanos() / 1e6;
                gcs++;
                continue;
            }
            boolean nativeSample = type.equals("jdk.NativeMethodSample");
            if (!nativeSample && !type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            double w = nativeSample ? 20 : 10;
            List<String> frames = e.getStackTrace().getFrames().stream().map(BenchReport::name).toList();
            boolean measured = frames.stream().anyMatch(n -> n.startsWith("io.gradcheck.") && !n.startsWith("io.gradcheck.bench."))
                    && frames.stream().noneMatch(n -> n.startsWith("io.gradcheck.bench.") && n.endsWith(".setup"));
            if (!measured) {
                left += w;
                continue;
            }
            count.merge(type, 1, Integer::sum);
            total += w;
            self.merge(frames.get(0) + (nativeSample ? " (native)" : ""), w, Double::sum);
            // the layer, net or optimizer method that the sample is in, below any tensor helper
            String at = frames.stream().filter(n -> n.matches("io\\.gradcheck\\.(layer|net|train)\\..*")).findFirst()
                    .orElse(frames.stream().filter(n -> n.startsWith("io.gradcheck.")).findFirst().orElseThrow());
            where.merge(at.replace("io.gradcheck.", ""), w, Double::sum);
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d Java samples (every 10 ms per thread) and %d native samples (every 20 ms)"
                        + " in the measured code, about %.1f s of thread time (%.1f s more outside it: setup, JMH);"
                        + " %d GC pauses, %.0f ms in all (whole recording).%n%n",
                count.getOrDefault("jdk.ExecutionSample", 0), count.getOrDefault("jdk.NativeMethodSample", 0),
                total / 1000, left / 1000, gcs, gcMs));
        md.append("| where (first layer/, net/ or train/ frame) | share |\n| --- | --- |\n");
        top(where, total, md);
        md.append("\n| top frame (self time) | share |\n| --- | --- |\n");
        top(self, total, md);
        return md.toString();
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static void top(Map<String, Double> m, double total, StringBuilder md) {
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% |%n", e.getKey(), 100 * e.getValue() / total)));
    }

    // ---- a minimal JSON reader: objects, arrays, strings, numbers, true/false/null ----------------

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.space();
            if (j.i != text.length()) {
                throw new IllegalArgumentException("JSON: trailing text at " + j.i);
            }
            return v;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    space();
                    String k = string();
                    space();
                    expect(':');
                    m.put(k, value());
                    space();
                } while (s.charAt(i++) == ',');
                check(s.charAt(i - 1) == '}', "} expected");
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                space();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    space();
                } while (s.charAt(i++) == ',');
                check(s.charAt(i - 1) == ']', "] expected");
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null", "NaN"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : word.equals("NaN") ? Double.NaN : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            check(i > start, "value expected");
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void expect(char c) {
            check(s.charAt(i++) == c, c + " expected");
        }

        private void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalArgumentException("JSON: " + what + " at " + (i - 1));
            }
        }
    }
}
