package io.pocketid.storage.jdbc.transfer;

import io.pocketid.storage.jdbc.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one table.
 *
 * @param name the table
 * @param columns its columns, in the order of each row's values
 * @param rows the rows; each has one value per column (see {@link Column.Type})
 */
public record TableData(String name, List<Column> columns, List<List<Object>> rows) {
  public TableData {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "table "
                + name
                + ": a row has "
                + row.size()
                + " values for "
                + columns.size()
                + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
