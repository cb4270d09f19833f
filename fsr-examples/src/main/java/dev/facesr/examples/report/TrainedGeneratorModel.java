package dev.facesr.examples.report;

import ai.djl.MalformedModelException;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.MatlabResize;
import dev.facesr.metrics.image.ValueRange;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A trained fsr-core {@link Generator} read from the folder the SR trainer writes ({@code
 * OUT/final/}: {@code <model>.params} and {@code training.json} with the generator's {@code
 * arguments}), as a report model.
 *
 * <p>An upscale-mode generator handles its own scale and takes the low-resolution face; a
 * refine-mode generator serves any scale and takes the MATLAB-bicubic-enlarged face. Inputs are
 * run in batches of at most {@link #MAX_BATCH}, each in its own sub-manager so native memory does
 * not grow; outputs are clipped to [0, 1] and returned as 8-bit images. Concurrent {@code upscale}
 * calls are safe (no shared {@code Predictor}; tested through {@link TrainedGeneratorUpscaler});
 * {@code close()} must not overlap them.
 */
public final class TrainedGeneratorModel implements ReportModel {

    /** The largest batch sent through the network at once. */
    public static final int MAX_BATCH = 32;

    /** The file with the training card and the generator arguments. */
    public static final String CARD_FILE = "training.json";

    private final String name;
    private final Path folder;
    private final Generator generator;
    private final NDManager manager;

    private TrainedGeneratorModel(String name, Path folder, Generator generator, NDManager manager) {
        this.name = name;
        this.folder = folder;
        this.generator = generator;
        this.manager = manager;
    }

    /**
     * Tells whether a folder looks like a trained generator folder ({@code training.json} and a
     * {@code .params} file).
     *
     * @param folder the folder
     * @return true when both files are there
     */
    public static boolean isTrainedFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(CARD_FILE)) && findParams(folder, null) != null;
    }

    /**
     * Reads the model name from a trained folder: the card's {@code model} field, else the folder's
     * parent name (e.g. {@code fsr-x8} for {@code runs/fsr-x8/final}).
     *
     * @param folder the folder
     * @return the name
     * @throws UncheckedIOException when the card cannot be read
     */
    public static String modelName(Path folder) {
        JsonObject card = readCard(folder);
        if (card.has("model") && card.get("model").isJsonPrimitive()) {
            return card.get("model").getAsString();
        }
        Path abs = folder.toAbsolutePath().normalize();
        Path named = abs.getFileName() != null && abs.getFileName().toString().equals("final")
                && abs.getParent() != null ? abs.getParent() : abs;
        return named.getFileName().toString();
    }

    /**
     * Loads a trained generator folder.
     *
     * @param folder the folder with {@code training.json} and {@code <model>.params}
     * @return the model; close it to free native memory
     * @throws UncheckedIOException when a file is missing or unreadable
     * @throws IllegalArgumentException when the card's arguments do not describe a generator
     */
    public static TrainedGeneratorModel load(Path folder) {
        JsonObject card = readCard(folder);
        String name = modelName(folder);
        if (!card.has("arguments") || !card.get("arguments").isJsonObject()) {
            throw new IllegalArgumentException(folder.resolve(CARD_FILE) + " has no 'arguments' object with the"
                    + " generator settings; it must be written by the SR trainer (TrainSuperResolution)");
        }
        Map<String, Object> args = new Gson().fromJson(card.get("arguments"),
                new TypeToken<Map<String, Object>>() {}.getType());
        Generator generator = Generator.builder().fromArguments(args).build();
        Path params = findParams(folder, name);
        if (params == null) {
            throw new UncheckedIOException(new IOException("No " + name + ".params (or any single .params file)"
                    + " in " + folder));
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            int side = generator.getMode() == Generator.Mode.REFINE ? 128 : Math.max(1, 128 / generator.getScale());
            generator.initialize(manager, DataType.FLOAT32, new Shape(1, 3, side, side));
            Map<String, Shape> expected = new java.util.LinkedHashMap<>();
            generator.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
            try (InputStream in = new BufferedInputStream(Files.newInputStream(params));
                    DataInputStream data = new DataInputStream(in)) {
                generator.loadParameters(manager, data);
            }
            // DJL replaces the arrays without comparing shapes: check them, or a card that does not
            // match its parameters would go unnoticed.
            generator.getParameters().forEach(p -> {
                Shape got = p.getValue().getArray().getShape();
                if (!got.equals(expected.get(p.getKey()))) {
                    throw new IllegalArgumentException("parameter " + p.getKey() + " has shape " + got
                            + " in the file, but the generator needs " + expected.get(p.getKey()));
                }
            });
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("Cannot read the parameters " + params + ": " + e.getMessage(), e);
        } catch (MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("The parameters " + params + " do not fit the generator described"
                    + " in " + folder.resolve(CARD_FILE) + ": " + e.getMessage(), e);
        }
        return new TrainedGeneratorModel(name, folder, generator, manager);
    }

    private static JsonObject readCard(Path folder) {
        Path card = folder.resolve(CARD_FILE);
        try (Reader r = Files.newBufferedReader(card, StandardCharsets.UTF_8)) {
            return new Gson().fromJson(r, JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + card + " (a trained folder needs " + CARD_FILE
                    + " and <model>.params, as the SR trainer writes to OUT/final/): " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(card + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Path findParams(Path folder, String name) {
        if (name != null && Files.isRegularFile(folder.resolve(name + ".params"))) {
            return folder.resolve(name + ".params");
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith(".params")).collect(Collectors.toList());
            return all.size() == 1 ? all.get(0) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return name;
    }

    /** {@inheritDoc} */
    @Override
    public Set<Double> scales() {
        return generator.getMode() == Generator.Mode.REFINE ? Set.of() : Set.of((double) generator.getScale());
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "trained fsr-core Generator (" + generator.getMode().name().toLowerCase(java.util.Locale.ROOT)
                + (generator.getMode() == Generator.Mode.REFINE ? ", bicubic-enlarged input" : " x" + generator.getScale())
                + ") from " + folder;
    }

    /** {@inheritDoc} */
    @Override
    public List<Image> upscale(List<Image> lr, double scale) {
        if (!supports(scale)) {
            throw new IllegalArgumentException(name + " handles scale " + scales() + " only, got " + scale);
        }
        List<FloatImage> inputs = new ArrayList<>(lr.size());
        for (Image im : lr) {
            FloatImage f = ReportImages.fromDjl(im);
            inputs.add(generator.getMode() == Generator.Mode.REFINE ? ReportImages.enlarge(f, scale) : f);
        }
        List<Image> out = new ArrayList<>(lr.size());
        for (int start = 0; start < inputs.size(); start += MAX_BATCH) {
            List<FloatImage> chunk = inputs.subList(start, Math.min(inputs.size(), start + MAX_BATCH));
            for (FloatImage f : forward(chunk, scale)) {
                out.add(ReportImages.toDjl(f));
            }
        }
        return out;
    }

    private List<FloatImage> forward(List<FloatImage> batch, double scale) {
        FloatImage first = batch.get(0);
        int h = first.height();
        int w = first.width();
        int per = 3 * h * w;
        float[] data = new float[batch.size() * per];
        for (int i = 0; i < batch.size(); i++) {
            FloatImage f = batch.get(i);
            if (f.height() != h || f.width() != w || f.channels() != 3) {
                throw new IllegalArgumentException("All faces in a batch must be RGB " + w + "x" + h + ", got "
                        + f.shapeString() + " at index " + i);
            }
            float[] src = f.data();
            for (int k = 0; k < per; k++) {
                data[i * per + k] = src[k] / 255f;
            }
        }
        int expected = generator.getMode() == Generator.Mode.REFINE ? h : MatlabResize.outputSize(h, scale);
        try (NDManager call = manager.newSubManager()) {
            NDArray x = call.create(data, new Shape(batch.size(), 3, h, w));
            NDArray y = generator.forward(new ParameterStore(call, false), new NDList(x), false)
                    .singletonOrThrow().clip(0f, 1f);
            Shape s = y.getShape();
            if (s.get(2) != expected) {
                throw new IllegalStateException(name + " returned " + s + " for input " + x.getShape()
                        + "; expected " + expected + " pixels per side");
            }
            int oh = (int) s.get(2);
            int ow = (int) s.get(3);
            float[] all = y.toFloatArray();
            List<FloatImage> out = new ArrayList<>(batch.size());
            int outPer = 3 * oh * ow;
            for (int i = 0; i < batch.size(); i++) {
                float[] one = new float[outPer];
                System.arraycopy(all, i * outPer, one, 0, outPer);
                out.add(new FloatImage(one, 3, oh, ow, ValueRange.UNIT).toByteRange().quantizeToUint8());
            }
            return out;
        }
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        manager.close();
    }
}
