package dev.facesr.examples.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.facesr.core.pipeline.FaceEmbedder;
import dev.facesr.models.identity.IdentityNet;
import dev.facesr.models.zoo.FsrModelZoo;
import dev.facesr.models.zoo.ModelCard;
import dev.facesr.models.zoo.ModelCards;
import dev.facesr.models.zoo.ZooFaceEmbedder;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ZooEmbedderResolver} over temporary zoos of tiny identity models and the classpath zoo. */
class ZooEmbedderResolverTest {

    @TempDir Path tmp;

    @Test
    void opensTheTeacherByNameAndItsStudentThroughOpenLowResolution() throws Exception {
        Path root = TinyIdentityZoo.write(tmp.resolve("zoo"), true);
        try (URLClassLoader loader = TinyIdentityZoo.loader(root)) {
            ZooEmbedderResolver resolver = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            // the companion is not an embedder of its own: it is opened through its model
            assertThat(resolver.names()).containsExactly("identity");
            try (FaceEmbedder hr = resolver.open("identity")) {
                assertThat(hr).isInstanceOf(ZooFaceEmbedder.class);
                assertThat(((ZooFaceEmbedder) hr).name()).isEqualTo("identity");
                assertThat(((ZooFaceEmbedder) hr).inputSize()).isEqualTo(32);
                assertThat(hr.dimension()).isEqualTo(TinyIdentityZoo.DIMENSION);
            }
            Optional<FaceEmbedder> lr = resolver.openLowResolution("identity");
            assertThat(lr).isPresent();
            try (FaceEmbedder student = lr.get()) {
                assertThat(((ZooFaceEmbedder) student).name()).isEqualTo("identity-lr16");
                assertThat(((ZooFaceEmbedder) student).inputSize()).isEqualTo(16);
                assertThat(student.dimension()).isEqualTo(TinyIdentityZoo.DIMENSION);
            }
            assertThatThrownBy(() -> resolver.open("identity-lr16"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no trained face embedder 'identity-lr16'")
                    .hasMessageContaining("available embedders: identity");
            assertThatThrownBy(() -> resolver.openLowResolution("arcface"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aModelWithoutAStudentHasNoLowResolutionEmbedder() throws Exception {
        Path root = TinyIdentityZoo.write(tmp.resolve("zoo"), false);
        try (URLClassLoader loader = TinyIdentityZoo.loader(root)) {
            ZooEmbedderResolver resolver = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            assertThat(resolver.names()).containsExactly("identity");
            assertThat(resolver.openLowResolution("identity")).isEmpty();
        }
    }

    @Test
    void untrainedCardsAreNotListedAndBrokenStudentsAreClearErrors() throws Exception {
        Path root = TinyIdentityZoo.write(tmp.resolve("zoo"), true);
        Path models = root.resolve(FsrModelZoo.RESOURCE_ROOT);
        // a student whose weights file is damaged: listed (its card has weights), fails to open
        Path weights = models.resolve("identity-lr16/identity-lr16-0000.params");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 3] ^= 1;
        Files.write(weights, bytes);
        // an untrained identity model: not listed
        ModelCard untrained = FsrModelZoo.cardOf(models.resolve("identity")).toBuilder()
                .setName("other").optWeights(null, 0, null).build();
        Files.createDirectories(models.resolve("other"));
        ModelCards.write(untrained, models.resolve("other").resolve(ModelCard.FILE_NAME));
        try (URLClassLoader loader = TinyIdentityZoo.loader(root)) {
            ZooEmbedderResolver resolver = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            assertThat(resolver.names()).containsExactly("identity");
            assertThatThrownBy(() -> resolver.openLowResolution("identity"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'identity-lr16'")
                    .hasMessageContaining("identity-lr16-0000.params")
                    .hasMessageContaining("SHA-256");
        }
    }

    @Test
    void aStudentOfAnotherDimensionIsRejected() throws Exception {
        Path root = tmp.resolve("zoo");
        try (NDManager m = NDManager.newBaseManager()) {
            TinyIdentityZoo.export(TinyIdentityZoo.teacher(m, 1), "identity", root);
            IdentityNet other = IdentityNet.builder().setInputSize(16)
                    .setChannels(4).optDownsamplings(2).optMaxChannels(8).optResidualBlocks(1)
                    .optEmbeddingSize(7).build();
            other.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            TinyIdentityZoo.export(other, "identity-lr16", root);
        }
        try (URLClassLoader loader = TinyIdentityZoo.loader(root)) {
            ZooEmbedderResolver resolver = new ZooEmbedderResolver(FsrModelZoo.of(loader));
            assertThatThrownBy(() -> resolver.openLowResolution("identity"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("7-d")
                    .hasMessageContaining("12-d");
        }
    }

    @Test
    void theClasspathResolverIsRegisteredAndListsOnlyTrainedModels() throws Exception {
        assertThat(EmbedderResolvers.registered())
                .hasAtLeastOneElementOfType(ZooEmbedderResolver.class);
        boolean trained = FsrModelZoo.classpath().card(FsrModelZoo.IDENTITY).hasWeights();
        Set<String> names = new ZooEmbedderResolver().names();
        assertThat(names).isEqualTo(trained ? Set.of(FsrModelZoo.IDENTITY) : Set.of());
    }
}
