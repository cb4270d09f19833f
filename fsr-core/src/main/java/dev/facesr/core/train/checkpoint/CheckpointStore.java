package dev.facesr.core.train.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.facesr.core.train.optim.ParameterOptimizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads checkpoints in one directory, keeping the most recent ones.
 *
 * <p>Files are named {@code ckpt-<globalStep, 12 digits>.fsrckpt}. A checkpoint is first
 * written to a {@code .tmp} file in the same directory, flushed to disk, then renamed with
 * {@code ATOMIC_MOVE}: a reader sees either no file or a complete one. Each file ends with a
 * CRC-32 of its content, checked before anything is restored.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): magic {@code FSRCKPT}, format version, the
 * {@link CheckpointState} fields, per named block its name and per parameter its path and
 * DJL-encoded array, per optimizer its key and state bytes, then the CRC.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final byte[] MAGIC = {'F', 'S', 'R', 'C', 'K', 'P', 'T'};
    private static final int FORMAT_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d{12})\\.fsrckpt");

    private final Path directory;
    private final int keep;

    /**
     * Makes a store.
     *
     * @param directory where checkpoints go (created when needed)
     * @param keep how many of the most recent checkpoints to keep (>= 1)
     */
    public CheckpointStore(Path directory, int keep) {
        if (directory == null) {
            throw new IllegalArgumentException("checkpoint directory must not be null");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    /**
     * Returns the directory.
     *
     * @return the checkpoint directory
     */
    public Path getDirectory() {
        return directory;
    }

    /**
     * Writes a checkpoint atomically and deletes the oldest beyond the number to keep.
     *
     * @param state the run's position
     * @param blocks the named blocks, all initialized
     * @param optimizers the optimizers by a stable key
     * @return the checkpoint file
     * @throws IOException if writing fails (no partial checkpoint is left visible)
     */
    public Path write(CheckpointState state, Map<String, Block> blocks,
            Map<String, ParameterOptimizer> optimizers) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(String.format("ckpt-%012d.fsrckpt", state.globalStep()));
        Path tmp = directory.resolve(".ckpt-" + state.globalStep() + "-" + UUID.randomUUID()
                + ".tmp");
        try {
            CRC32 crc = new CRC32();
            try (FileOutputStream fos = new FileOutputStream(
                    Files.createFile(tmp).toFile())) {
                DataOutputStream out = new DataOutputStream(
                        new CheckedOutputStream(new BufferedOutputStream(fos, 1 << 16), crc));
                writeBody(out, state, blocks, optimizers);
                out.flush();
                DataOutputStream tail = new DataOutputStream(fos);
                tail.writeLong(crc.getValue());
                tail.flush();
                fos.getFD().sync();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory();
        prune();
        return target;
    }

    /** Makes the rename durable where the platform allows syncing a directory (Linux). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}: {}", directory, e.toString());
        }
    }

    private static void writeBody(DataOutputStream out, CheckpointState s,
            Map<String, Block> blocks, Map<String, ParameterOptimizer> optimizers)
            throws IOException {
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(s.stageIndex());
        out.writeLong(s.stageStep());
        out.writeLong(s.globalStep());
        out.writeLong(s.seed());
        out.writeDouble(s.earlyStoppingBest());
        out.writeInt(s.earlyStoppingBad());
        out.writeInt(blocks.size());
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            out.writeUTF(e.getKey());
            List<Pair<String, Parameter>> params = e.getValue().getParameters().stream().toList();
            out.writeInt(params.size());
            for (Pair<String, Parameter> p : params) {
                out.writeUTF(p.getKey());
                byte[] bytes = p.getValue().getArray().encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
        out.writeInt(optimizers.size());
        for (Map.Entry<String, ParameterOptimizer> e : optimizers.entrySet()) {
            out.writeUTF(e.getKey());
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream o = new DataOutputStream(buf)) {
                e.getValue().saveState(o);
            }
            out.writeInt(buf.size());
            buf.writeTo(out);
        }
    }

    /**
     * Lists the complete checkpoints, oldest first (temporary files are never listed).
     *
     * @return the checkpoint files
     * @throws IOException if the directory cannot be read
     */
    public List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /**
     * Returns the most recent checkpoint whose checksum is right (a bad one is skipped with a
     * warning).
     *
     * @return the latest valid checkpoint, or empty if there is none
     * @throws IOException if the directory cannot be read
     */
    public Optional<Path> latestValid() throws IOException {
        List<Path> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (isValid(all.get(i))) {
                return Optional.of(all.get(i));
            }
            LOG.warn("skipping corrupt checkpoint {}", all.get(i));
        }
        return Optional.empty();
    }

    /**
     * Deletes temporary files left by a writer that was killed.
     *
     * @throws IOException if the directory cannot be read
     */
    public void deleteStaleTemporaryFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, ".ckpt-*.tmp")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    /**
     * Tells whether a file is a complete checkpoint with the right checksum.
     *
     * @param file the file
     * @return true if it is valid
     */
    public static boolean isValid(Path file) {
        try {
            verify(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] verify(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 8
                || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new IOException(file + " is not a FaceSR checkpoint");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = new DataInputStream(
                new ByteArrayInputStream(all, all.length - 8, 8)).readLong();
        if (stored != crc.getValue()) {
            throw new IOException(file + " is corrupt (checksum mismatch); delete it and resume"
                    + " from an older checkpoint");
        }
        return all;
    }

    /**
     * Reads only the position stored in a checkpoint (after checking its checksum).
     *
     * @param file the checkpoint
     * @return the position
     * @throws IOException if the file is missing, corrupt or not a checkpoint
     */
    public static CheckpointState readState(Path file) throws IOException {
        byte[] all = verify(file);
        return readHeader(new DataInputStream(new ByteArrayInputStream(all)), file);
    }

    private static CheckpointState readHeader(DataInputStream in, Path file) throws IOException {
        in.readFully(new byte[MAGIC.length]);
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has checkpoint format " + version + ", this library"
                    + " reads format " + FORMAT_VERSION);
        }
        return new CheckpointState(in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                in.readDouble(), in.readInt());
    }

    /**
     * Restores parameters (in place, into the blocks' existing arrays, so gradients and frozen
     * flags stay as they are) and optimizer states from a checkpoint.
     *
     * @param file the checkpoint
     * @param blocks the named blocks, initialized, with the same names and structure as saved
     * @param optimizers the optimizers by the keys used when saving
     * @param manager the manager for the optimizers' state arrays
     * @return the position stored in the checkpoint
     * @throws IOException if the file is corrupt or does not fit the blocks or optimizers
     */
    public static CheckpointState restore(Path file, Map<String, Block> blocks,
            Map<String, ParameterOptimizer> optimizers, NDManager manager) throws IOException {
        byte[] all = verify(file);
        try (InputStream raw = new BufferedInputStream(
                        new ByteArrayInputStream(all, 0, all.length - 8));
                DataInputStream in = new DataInputStream(raw);
                NDManager scratch = manager.newSubManager()) {
            CheckpointState state = readHeader(in, file);
            int nBlocks = in.readInt();
            Map<String, Block> remaining = new LinkedHashMap<>(blocks);
            for (int b = 0; b < nBlocks; b++) {
                String name = in.readUTF();
                Block block = remaining.remove(name);
                if (block == null) {
                    throw new IOException(file + " holds block '" + name + "' that this run does"
                            + " not have (run blocks: " + blocks.keySet() + ")");
                }
                readBlock(in, name, block, scratch, file);
            }
            if (!remaining.isEmpty()) {
                throw new IOException(file + " lacks blocks " + remaining.keySet()
                        + "; it was written by a run with other blocks");
            }
            int nOpt = in.readInt();
            Map<String, byte[]> states = new LinkedHashMap<>();
            for (int i = 0; i < nOpt; i++) {
                String key = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                states.put(key, bytes);
            }
            for (Map.Entry<String, ParameterOptimizer> e : optimizers.entrySet()) {
                byte[] bytes = states.get(e.getKey());
                if (bytes == null) {
                    throw new IOException(file + " has no state for optimizer '" + e.getKey()
                            + "' (it has " + states.keySet() + ")");
                }
                try (DataInputStream o = new DataInputStream(new ByteArrayInputStream(bytes))) {
                    e.getValue().loadState(o, manager);
                }
            }
            return state;
        } catch (EOFException e) {
            throw new IOException(file + " ended early; it does not fit this run", e);
        }
    }

    /**
     * Restores the parameters of some of a checkpoint's blocks, by name, and nothing else: for
     * exporting a trained network from a run that also trained others (e.g. the generator of a
     * GAN run without its discriminator). Other blocks and the optimizer states are skipped.
     *
     * @param file the checkpoint
     * @param blocks the wanted blocks by their run names, initialized with the saved structure
     * @return the position stored in the checkpoint
     * @throws IOException if the file is corrupt, lacks a wanted block, or does not fit it
     */
    public static CheckpointState restoreParameters(Path file, Map<String, Block> blocks) throws IOException {
        byte[] all = verify(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                        new ByteArrayInputStream(all, 0, all.length - 8)));
                NDManager scratch = NDManager.newBaseManager()) {
            CheckpointState state = readHeader(in, file);
            int nBlocks = in.readInt();
            Map<String, Block> remaining = new LinkedHashMap<>(blocks);
            List<String> saved = new ArrayList<>();
            for (int b = 0; b < nBlocks; b++) {
                String name = in.readUTF();
                saved.add(name);
                Block block = remaining.remove(name);
                if (block != null) {
                    readBlock(in, name, block, scratch, file);
                } else {
                    skipBlock(in);
                }
            }
            if (!remaining.isEmpty()) {
                throw new IOException(file + " lacks blocks " + remaining.keySet() + "; it holds " + saved);
            }
            return state;
        } catch (EOFException e) {
            throw new IOException(file + " ended early; it is not a complete checkpoint", e);
        }
    }

    private static void skipBlock(DataInputStream in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            in.readUTF();
            in.readFully(new byte[in.readInt()]);
        }
    }

    private static void readBlock(DataInputStream in, String name, Block block,
            NDManager scratch, Path file) throws IOException {
        List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException(file + ": block '" + name + "' has " + n + " parameters in the"
                    + " checkpoint but " + params.size() + " in this run");
        }
        for (Pair<String, Parameter> p : params) {
            String path = in.readUTF();
            if (!path.equals(p.getKey())) {
                throw new IOException(file + ": block '" + name + "' parameter '" + path
                        + "' found where '" + p.getKey() + "' was expected");
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            NDArray target = p.getValue().getArray();
            try (NDArray loaded = scratch.decode(bytes)) {
                if (!loaded.getShape().equals(target.getShape())
                        || loaded.getDataType() != target.getDataType()) {
                    throw new IOException(file + ": " + name + "/" + path + " is "
                            + loaded.getDataType() + loaded.getShape() + " in the checkpoint but "
                            + target.getDataType() + target.getShape() + " in this run");
                }
                target.set(loaded.toByteBuffer());
            }
        }
    }

    /**
     * Parses the global step from a checkpoint file name.
     *
     * @param file a checkpoint file
     * @return the step, or -1 if the name is not a checkpoint name
     */
    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
