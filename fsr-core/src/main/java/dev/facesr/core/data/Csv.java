package dev.facesr.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A header-row CSV without quoting (the layout of the shared datasets). */
final class Csv {

    final Path file;
    final List<String> header;
    final Map<String, Integer> columns;
    final List<String[]> rows;

    private Csv(Path file, List<String> header, List<String[]> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
    }

    static Csv read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("CSV file " + file + " does not exist");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null || first.isBlank()) {
                throw new IllegalArgumentException("CSV file " + file + " is empty; it needs a header row");
            }
            List<String> header = List.of(first.strip().split(",", -1));
            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.strip().split(",", -1);
                if (cells.length != header.size()) {
                    throw new IllegalArgumentException(
                            file + " line " + lineNo + " has " + cells.length + " cells, the header has "
                                    + header.size());
                }
                rows.add(cells);
            }
            return new Csv(file, header, rows);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    int column(String name) {
        Integer i = columns.get(name);
        if (i == null) {
            throw new IllegalArgumentException(
                    file + " has no column '" + name + "'; its columns are " + header);
        }
        return i;
    }

    float number(String[] row, int column, int rowIndex) {
        try {
            return Float.parseFloat(row[column]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    file + " data row " + (rowIndex + 1) + ", column '" + header.get(column)
                            + "' is not a number: '" + row[column] + "'");
        }
    }
}
