package dev.facesr.core.degrade;

/** Convolution helpers with OpenCV's default border (BORDER_REFLECT_101: dcb|abcd|cba). */
final class Filters {

    private Filters() {}

    /** Index into [0, n) reflected without repeating the edge pixel. */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** Separable convolution with an odd 1-D kernel along x then y, per channel. */
    static FloatImage separable(FloatImage src, float[] kernel) {
        int c = src.channels();
        int h = src.height();
        int w = src.width();
        int r = kernel.length / 2;
        int taps = kernel.length;
        float[] in = src.data();
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        int[] xIdx = new int[w + 2 * r];
        for (int i = 0; i < xIdx.length; i++) {
            xIdx[i] = reflect101(i - r, w);
        }
        int[] yIdx = new int[h + 2 * r];
        for (int i = 0; i < yIdx.length; i++) {
            yIdx[i] = reflect101(i - r, h);
        }
        float[] padded = new float[w + 2 * r];
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            // horizontal pass on a border-padded copy of each row
            for (int y = 0; y < h; y++) {
                int row = plane + y * w;
                for (int i = 0; i < padded.length; i++) {
                    padded[i] = in[row + xIdx[i]];
                }
                for (int x = 0; x < w; x++) {
                    float s = 0f;
                    for (int k = 0; k < taps; k++) {
                        s += kernel[k] * padded[x + k];
                    }
                    tmp[row + x] = s;
                }
            }
            // vertical pass, accumulating whole rows (contiguous memory)
            for (int y = 0; y < h; y++) {
                int dst = plane + y * w;
                for (int k = 0; k < taps; k++) {
                    float kv = kernel[k];
                    int srcRow = plane + yIdx[y + k] * w;
                    for (int x = 0; x < w; x++) {
                        out[dst + x] += kv * tmp[srcRow + x];
                    }
                }
            }
        }
        return new FloatImage(c, h, w, out);
    }

    /** 2-D correlation with an odd square kernel, per channel; zero kernel taps are skipped. */
    static FloatImage filter2d(FloatImage src, float[][] kernel) {
        int c = src.channels();
        int h = src.height();
        int w = src.width();
        int k = kernel.length;
        int r = k / 2;
        int taps = 0;
        for (float[] row : kernel) {
            for (float v : row) {
                if (v != 0f) {
                    taps++;
                }
            }
        }
        int[] dy = new int[taps];
        int[] dx = new int[taps];
        float[] wt = new float[taps];
        int t = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (kernel[i][j] != 0f) {
                    dy[t] = i - r;
                    dx[t] = j - r;
                    wt[t] = kernel[i][j];
                    t++;
                }
            }
        }
        float[] in = src.data();
        float[] out = new float[in.length];
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0f;
                    for (int q = 0; q < taps; q++) {
                        int yy = reflect101(y + dy[q], h);
                        int xx = reflect101(x + dx[q], w);
                        s += wt[q] * in[plane + yy * w + xx];
                    }
                    out[plane + y * w + x] = s;
                }
            }
        }
        return new FloatImage(c, h, w, out);
    }
}
