package dev.facesr.models.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facesr.models.recognition.GalleryFileException.Problem;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryFileTest {
    static final EmbedderId MODEL = new EmbedderId("test-model", 8);

    @TempDir Path dir;

    static float[] vec(Random r) {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static Gallery sample() {
        Random r = new Random(3);
        return Gallery.empty(MODEL)
                .withEnrolled("Ada Lovelace", List.of(vec(r), vec(r)))
                .withEnrolled("Zoë", List.of(vec(r)))
                .withEnrolled("李雷", List.of(vec(r), vec(r), vec(r)))
                .withThreshold(0.4321);
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        Gallery g = sample();
        Path f = dir.resolve("g.fsrg");
        g.save(f);
        Gallery back = GalleryFile.load(f, MODEL);
        assertThat(back.model()).isEqualTo(MODEL);
        assertThat(back.threshold()).hasValue(0.4321);
        assertThat(back.names()).containsExactly("Ada Lovelace", "Zoë", "李雷");
        for (Identity id : g.identities()) {
            Identity b = back.get(id.name()).orElseThrow();
            assertThat(b.imageCount()).isEqualTo(id.imageCount());
            for (int i = 0; i < id.imageCount(); i++) {
                assertThat(b.embedding(i)).containsExactly(id.embedding(i));
            }
            assertThat(b.template()).containsExactly(id.template());
        }
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-------"); // biometric data: owner-only, as documented
        }
        float[] probe = vec(new Random(9));
        assertThat(back.rank(probe, 3)).isEqualTo(g.rank(probe, 3));
        // without a threshold, and empty
        Gallery empty = Gallery.empty(MODEL);
        empty.save(f);
        assertThat(GalleryFile.load(f).size()).isZero();
        assertThat(GalleryFile.load(f).threshold()).isEmpty();
        assertThat(GalleryFile.encode(GalleryFile.load(f))).isEqualTo(GalleryFile.encode(empty));
    }

    @Test
    void headerLayoutIsAsDocumented() throws IOException {
        Path f = dir.resolve("g.fsrg");
        sample().save(f);
        byte[] b = Files.readAllBytes(f);
        assertThat(new String(b, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("FSRGALRY");
        ByteBuffer buf = ByteBuffer.wrap(b);
        assertThat(buf.getInt(8)).isEqualTo(GalleryFile.VERSION);
        assertThat(buf.getLong(12)).isEqualTo(b.length - 24);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        assertThat(buf.getInt(b.length - 4)).isEqualTo((int) crc.getValue());
    }

    private Path saved() {
        Path f = dir.resolve("g.fsrg");
        sample().save(f);
        return f;
    }

    private static void expect(Path f, Problem problem, String... words) {
        assertThatThrownBy(() -> GalleryFile.load(f, MODEL))
                .isInstanceOfSatisfying(GalleryFileException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.file()).isEqualTo(f);
                })
                .hasMessageContaining(f.toString())
                .hasMessageContaining(problem.toString())
                .hasMessageContaining(words.length > 0 ? words[0] : "");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = dir.resolve("empty.fsrg");
        Files.createFile(f);
        expect(f, Problem.EMPTY, "0 bytes");
    }

    @Test
    void missingFileAndFolder() throws IOException {
        expect(dir.resolve("missing.fsrg"), Problem.UNREADABLE, "does not exist");
        expect(dir, Problem.UNREADABLE, "not a regular file");
    }

    @Test
    void truncatedFiles() throws IOException {
        Path f = saved();
        byte[] b = Files.readAllBytes(f);
        for (int keep : new int[] {5, 12, 23, b.length / 2, b.length - 1}) {
            Files.write(f, java.util.Arrays.copyOf(b, keep));
            expect(f, Problem.TRUNCATED);
        }
    }

    @Test
    void damagedByteFailsTheChecksum() throws IOException {
        Path f = saved();
        byte[] b = Files.readAllBytes(f);
        for (int at : new int[] {30, b.length / 2, b.length - 10, b.length - 2}) {
            byte[] d = b.clone();
            d[at] ^= 0x10;
            Files.write(f, d);
            expect(f, Problem.CHECKSUM_MISMATCH, "CRC-32");
        }
    }

    @Test
    void notAGalleryAndOtherVersion() throws IOException {
        Path f = dir.resolve("text.fsrg");
        Files.writeString(f, "name,embedding\nada,0.1 0.2\n");
        expect(f, Problem.NOT_A_GALLERY, "not a FaceSR gallery");
        Path g = saved();
        byte[] b = Files.readAllBytes(g);
        ByteBuffer.wrap(b).putInt(8, 2);
        Files.write(g, b);
        expect(g, Problem.UNSUPPORTED_VERSION, "version 2");
    }

    @Test
    void extraBytesAndInconsistentContentAreCorrupt() throws IOException {
        Path f = saved();
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length + 3));
        expect(f, Problem.CORRUPT, "3 unexpected bytes");
        // a person count that does not fit the payload, with a valid checksum
        byte[] d = b.clone();
        int countAt = 20 + 2 + MODEL.name().length() + 4 + 1 + 8;
        ByteBuffer.wrap(d).putInt(countAt, 1000);
        fixCrc(d);
        Files.write(f, d);
        expect(f, Problem.CORRUPT, "payload");
    }

    @Test
    void foreignModelIsRejected() {
        Path f = saved();
        assertThat(GalleryFile.load(f, MODEL).size()).isEqualTo(3);
        assertThatThrownBy(() -> GalleryFile.load(f, new EmbedderId("test-model", 16)))
                .isInstanceOfSatisfying(GalleryFileException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.FOREIGN_MODEL);
                    assertThat(e.reason()).isEqualTo(RecognitionException.Reason.MODEL_MISMATCH);
                })
                .hasMessageContaining("test-model (16-d)").hasMessageContaining("test-model (8-d)")
                .hasMessageContaining(f.toString());
        assertThatThrownBy(() -> GalleryFile.load(f, new EmbedderId("other-model", 8)))
                .hasMessageContaining("other-model (8-d)").hasMessageContaining("FOREIGN_MODEL");
    }

    @Test
    void crashMidWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path f = saved();
        byte[] before = Files.readAllBytes(f);
        Gallery bigger = sample().withEnrolled("new person", List.of(vec(new Random(5))));
        assertThatThrownBy(() -> GalleryFile.save(bigger, f, out -> new FailingStream(out, 40)))
                .isInstanceOfSatisfying(GalleryFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRITE_FAILED))
                .hasMessageContaining("unchanged").hasMessageContaining(f.toString());
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(GalleryFile.load(f, MODEL).names()).doesNotContain("new person");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
        // and a later successful save replaces it
        bigger.save(f);
        assertThat(GalleryFile.load(f, MODEL).names()).contains("new person");
    }

    @Test
    void noPartialFileIsEverVisible() throws Exception {
        Path f = saved();
        Gallery a = sample();
        Gallery b = sample().withEnrolled("x", List.of(vec(new Random(1))));
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 60; i++) {
                (i % 2 == 0 ? b : a).save(f);
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            Gallery g = GalleryFile.load(f, MODEL); // throws if a partial file were visible
            assertThat(g.size()).isIn(3, 4);
            reads++;
        }
        writer.join();
        assertThat(reads).isPositive();
    }

    @Test
    void saveIntoAMissingFolderFails() {
        Path f = dir.resolve("no/such/dir/g.fsrg");
        assertThatThrownBy(() -> sample().save(f))
                .isInstanceOfSatisfying(GalleryFileException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRITE_FAILED))
                .hasMessageContaining("does not exist");
    }

    private static void fixCrc(byte[] d) {
        CRC32 crc = new CRC32();
        crc.update(d, 0, d.length - 4);
        ByteBuffer.wrap(d).putInt(d.length - 4, (int) crc.getValue());
    }

    /** Lets {@code limit} bytes through, then fails like a full disk or a killed process. */
    private static final class FailingStream extends FilterOutputStream {
        private int left;

        FailingStream(OutputStream out, int limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("simulated crash: no space left on device");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }
}
