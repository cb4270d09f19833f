package dev.facesr.models.recognition;

import dev.facesr.models.recognition.GalleryFileException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

/**
 * Saves and loads {@link Gallery} files: a versioned binary format with a CRC-32 checksum and the
 * embedding model's identity.
 *
 * <p>Layout (big-endian, as {@link DataOutputStream} writes it):
 *
 * <pre>
 * offset  size  content
 * 0       8     magic "FSRGALRY" (ASCII)
 * 8       4     format version (int, currently 1)
 * 12      8     payload length L (long)
 * 20      L     payload
 * 20+L    4     CRC-32 of bytes 0 .. 20+L-1 (int)
 *
 * payload: model name (modified UTF-8, DataOutput.writeUTF), dimension D (int),
 *          has-threshold (byte 0/1), threshold (double),
 *          person count P (int), then per person: name (writeUTF), image count N (int),
 *          N x D floats (the unit-length embeddings of the enrolment images)
 * </pre>
 *
 * <p>{@link #save} writes to a temporary file in the target's folder, forces it to disk and moves
 * it over the target with {@link StandardCopyOption#ATOMIC_MOVE}: readers see the old file or the
 * new one, never a partial one, and a failed write leaves the old file unchanged. {@link #load}
 * checks everything and throws {@link GalleryFileException} naming the file and the {@link
 * Problem}; it never returns an empty gallery for a bad file.
 */
public final class GalleryFile {
    /** The first 8 bytes of every gallery file. */
    public static final String MAGIC = "FSRGALRY";

    /** The format version this library writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 20;
    private static final int TRAILER = 4;

    private GalleryFile() {}

    /**
     * Writes a gallery atomically (temporary file in the same folder, then an atomic move).
     *
     * @param gallery the gallery
     * @param file the target file; its folder must exist
     * @throws GalleryFileException with {@link Problem#WRITE_FAILED} if writing or the move fails;
     *     the previous file, if any, is unchanged and no temporary file is left behind
     */
    public static void save(Gallery gallery, Path file) {
        save(gallery, file, UnaryOperator.identity());
    }

    /** {@link #save(Gallery, Path)} with a stream wrapper (tests simulate a crash mid-write). */
    static void save(Gallery gallery, Path file, UnaryOperator<OutputStream> wrap) {
        byte[] bytes = encode(gallery);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new GalleryFileException(file, Problem.WRITE_FAILED, "the folder " + dir
                    + " does not exist; create it first", null);
        }
        if (Files.isDirectory(target)) {
            throw new GalleryFileException(file, Problem.WRITE_FAILED, "it is a folder; give a file name", null);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (OutputStream out = wrap.apply(Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING))) {
                out.write(bytes);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new GalleryFileException(file, Problem.WRITE_FAILED, "the file system cannot replace files "
                    + "atomically; save to a local folder", e);
        } catch (IOException | RuntimeException e) {
            throw new GalleryFileException(file, Problem.WRITE_FAILED, "writing failed (" + e
                    + "); the previous file, if any, is unchanged", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file has a dot name and does not replace the gallery
                }
            }
        }
    }

    /**
     * Reads a gallery and checks that it was made with the expected embedding model.
     *
     * @param file the gallery file
     * @param expected the model of the recognizer that will use it
     * @return the gallery
     * @throws GalleryFileException if the file is unreadable, empty, truncated, damaged, of
     *     another format or version, or made with another model ({@link Problem#FOREIGN_MODEL})
     */
    public static Gallery load(Path file, EmbedderId expected) {
        Gallery g = load(file);
        if (!g.model().equals(expected)) {
            throw new GalleryFileException(file, Problem.FOREIGN_MODEL, "it was made with the embedder "
                    + g.model() + " but this recognizer uses " + expected
                    + "; embeddings of different models cannot be compared: re-enrol with this model or use "
                    + g.model().name(), null);
        }
        return g;
    }

    /**
     * Reads a gallery made with any model (e.g. to inspect it).
     *
     * @param file the gallery file
     * @return the gallery
     * @throws GalleryFileException if the file is unreadable, empty, truncated, damaged or of
     *     another format or version
     */
    public static Gallery load(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new GalleryFileException(file, Problem.UNREADABLE, Files.exists(file)
                        ? "it is not a regular file" : "it does not exist; check the path, or enrol someone to create it",
                        null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new GalleryFileException(file, Problem.UNREADABLE, "it cannot be read: " + e, e);
        }
        return decode(file, bytes);
    }

    static byte[] encode(Gallery g) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(payload);
            p.writeUTF(g.model().name());
            p.writeInt(g.model().dimension());
            p.writeByte(g.threshold().isPresent() ? 1 : 0);
            p.writeDouble(g.threshold().orElse(0));
            p.writeInt(g.size());
            for (Identity id : g.identities()) {
                p.writeUTF(id.name());
                p.writeInt(id.imageCount());
                for (float[] e : id.embeddingsView()) {
                    for (float v : e) {
                        p.writeFloat(v);
                    }
                }
            }
            p.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream(HEADER + payload.size() + TRAILER);
            DataOutputStream o = new DataOutputStream(all);
            o.write(MAGIC_BYTES);
            o.writeInt(VERSION);
            o.writeLong(payload.size());
            payload.writeTo(o);
            o.flush();
            CRC32 crc = new CRC32();
            crc.update(all.toByteArray());
            o.writeInt((int) crc.getValue());
            o.flush();
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Encoding a gallery in memory failed", e);
        }
    }

    static Gallery decode(Path file, byte[] b) {
        if (b.length == 0) {
            throw new GalleryFileException(file, Problem.EMPTY, "the file has 0 bytes (an interrupted copy?); "
                    + "restore it from a backup or delete it and enrol again", null);
        }
        int prefix = Math.min(b.length, MAGIC_BYTES.length);
        if (!Arrays.equals(b, 0, prefix, MAGIC_BYTES, 0, prefix)) {
            throw new GalleryFileException(file, Problem.NOT_A_GALLERY, "it does not start with \"" + MAGIC
                    + "\"; it is not a FaceSR gallery file", null);
        }
        if (b.length < HEADER + TRAILER) {
            throw new GalleryFileException(file, Problem.TRUNCATED, "it has only " + b.length
                    + " bytes, less than the " + (HEADER + TRAILER) + "-byte header and checksum", null);
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        int version = buf.getInt(8);
        if (version != VERSION) {
            throw new GalleryFileException(file, Problem.UNSUPPORTED_VERSION, "it has format version " + version
                    + " but this library reads version " + VERSION + "; use a matching FaceSR version", null);
        }
        long length = buf.getLong(12);
        long expected = HEADER + length + TRAILER;
        if (length < 0 || b.length < expected) {
            throw new GalleryFileException(file, Problem.TRUNCATED, "it has " + b.length + " bytes but its header "
                    + "declares " + expected + "; the file was cut short (restore it from a backup)", null);
        }
        if (b.length > expected) {
            throw new GalleryFileException(file, Problem.CORRUPT, (b.length - expected)
                    + " unexpected bytes follow the checksum", null);
        }
        int end = HEADER + (int) length;
        CRC32 crc = new CRC32();
        crc.update(b, 0, end);
        int stored = buf.getInt(end);
        if (stored != (int) crc.getValue()) {
            throw new GalleryFileException(file, Problem.CHECKSUM_MISMATCH, String.format(
                    "the stored CRC-32 is %08x but the content gives %08x; the file was damaged (restore it from a"
                            + " backup)", stored, (int) crc.getValue()), null);
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, HEADER, (int) length));
            String modelName = in.readUTF();
            int dim = in.readInt();
            EmbedderId model = new EmbedderId(modelName, dim);
            int hasThreshold = in.readByte();
            double threshold = in.readDouble();
            if (hasThreshold != 0 && hasThreshold != 1) {
                throw new IllegalArgumentException("the threshold flag is " + hasThreshold);
            }
            int people = in.readInt();
            if (people < 0) {
                throw new IllegalArgumentException("the person count is " + people);
            }
            Map<String, Identity> ids = new LinkedHashMap<>();
            for (int p = 0; p < people; p++) {
                String name = Names.check(in.readUTF());
                int n = in.readInt();
                if (n < 1 || (long) n * dim * 4 > in.available()) {
                    throw new IllegalArgumentException("person " + p + " ('" + name + "') declares " + n
                            + " images of " + dim + " floats, which do not fit in the payload");
                }
                List<float[]> embs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    float[] e = new float[dim];
                    for (int j = 0; j < dim; j++) {
                        e[j] = in.readFloat();
                    }
                    embs.add(Embeddings.normalized(e, dim, "embedding " + i + " of '" + name + "'"));
                }
                if (ids.put(name, new Identity(name, embs)) != null) {
                    throw new IllegalArgumentException("the name '" + name + "' occurs twice");
                }
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " bytes of the payload are left over");
            }
            return Gallery.of(model, hasThreshold == 1 ? Gallery.checkThreshold(threshold) : Double.NaN, ids);
        } catch (EOFException e) {
            throw new GalleryFileException(file, Problem.CORRUPT, "the payload ends before its content does", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new GalleryFileException(file, Problem.CORRUPT, "the content is inconsistent: " + e.getMessage(), e);
        }
    }
}
