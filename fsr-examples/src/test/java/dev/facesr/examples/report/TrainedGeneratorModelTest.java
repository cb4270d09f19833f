package dev.facesr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.facesr.core.nn.role.Generator;
import dev.facesr.metrics.SyntheticImages;
import dev.facesr.metrics.image.FloatImage;
import dev.facesr.metrics.image.ImageConversions;
import dev.facesr.metrics.image.ValueRange;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrainedGeneratorModel}: trained folders in upscale and refine mode, and bad folders. */
class TrainedGeneratorModelTest {
    @TempDir Path tmp;

    @Test
    void refineGeneratorServesAnyScaleOnTheBicubicEnlargedInput() throws Exception {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("refine/final"), "tiny-refine",
                FakeDatasets.tinyRefiner());
        FloatImage hr = SyntheticImages.reference(128, 128, 5);
        try (TrainedGeneratorModel m = TrainedGeneratorModel.load(folder)) {
            assertThat(m.name()).isEqualTo("tiny-refine");
            assertThat(m.scales()).isEmpty();
            assertThat(m.supports(6.4)).isTrue();
            for (double s : new double[] {4, 6.4, 8}) {
                FloatImage lr = ReportImages.shrink(hr, s);
                List<Image> out = m.upscale(List.of(ReportImages.toDjl(lr)), s);
                assertThat(out.get(0).getWidth()).as("x" + s).isEqualTo(128);
                // Equal to the network run directly on the MATLAB-bicubic-enlarged 8-bit input.
                FloatImage expected = direct(folder.resolve("tiny-refine.params"), ReportImages.enlarge(lr, s));
                assertThat(ReportImages.fromDjl(out.get(0)).data()).as("x" + s).containsExactly(expected.data());
            }
        }
    }

    private static FloatImage direct(Path params, FloatImage input) throws Exception {
        Generator g = FakeDatasets.tinyRefiner();
        try (NDManager m = NDManager.newBaseManager()) {
            g.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            try (InputStream in = Files.newInputStream(params); DataInputStream d = new DataInputStream(in)) {
                g.loadParameters(m, d);
            }
            NDArray x = ImageConversions.toNDArray(input, m).div(255f).expandDims(0);
            NDArray y = g.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().clip(0f, 1f);
            return ImageConversions.fromNDArray(y, ValueRange.UNIT).get(0).toByteRange().quantizeToUint8();
        }
    }

    @Test
    void upscaleGeneratorRejectsOtherScales() throws IOException {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("x8/final"), "tiny-x8");
        try (TrainedGeneratorModel m = TrainedGeneratorModel.load(folder)) {
            assertThat(m.scales()).containsExactly(8.0);
            List<Image> lr = List.of(ReportImages.toDjl(ReportImages.shrink(SyntheticImages.reference(128, 128, 1), 4)));
            assertThatThrownBy(() -> m.upscale(lr, 4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tiny-x8 handles scale [8.0] only");
        }
    }

    @Test
    void parametersOfAnotherArchitectureAreAClearError() throws IOException {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("mixed/final"), "mixed");
        // Describe a wider network than the saved parameters.
        String card = Files.readString(folder.resolve("training.json")).replace("\"channels\" : 4", "\"channels\" : 8");
        Files.writeString(folder.resolve("training.json"), card);
        assertThatThrownBy(() -> TrainedGeneratorModel.load(folder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit the generator described in");
    }

    @Test
    void folderNameIsTheFallbackModelName() throws IOException {
        Path folder = FakeDatasets.writeTrainedFolder(tmp.resolve("my-run/final"), "x");
        Files.writeString(folder.resolve("training.json"),
                Files.readString(folder.resolve("training.json")).replace("\"model\" : \"x\",", ""));
        assertThat(TrainedGeneratorModel.modelName(folder)).isEqualTo("my-run");
        assertThat(TrainedGeneratorModel.isTrainedFolder(folder)).isTrue();
        assertThat(TrainedGeneratorModel.isTrainedFolder(tmp)).isFalse();
    }
}
