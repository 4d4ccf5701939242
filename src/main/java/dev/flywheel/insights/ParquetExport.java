package dev.flywheel.insights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types.MessageTypeBuilder;

/**
 * Writes a query's rows as one Parquet file to a stream, row group by row group, for a warehouse.
 *
 * <p>Columns map to Parquet types by their SQL type: text → STRING, integers → INT64, dates →
 * DATE, timestamps → TIMESTAMP(MICROS, adjusted to UTC), booleans → BOOLEAN; anything else is
 * written as its text. Pages are GZIP-compressed with the JDK's own deflater.
 *
 * <p>This class is the only one that touches parquet-java, and nothing refers to it until the first
 * Parquet export, so its classes are not loaded at startup. It uses parquet-java's Hadoop-free
 * paths only ({@link PlainParquetConfiguration}, an {@link OutputFile} over the response, and a JDK
 * codec): Hadoop is needed to compile against parquet-java's signatures, never at run time.
 */
final class ParquetExport {

    /** Rows buffered before a row group is written: bounds the memory one export holds. */
    static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

    private enum Kind { STRING, INT64, DATE, TIMESTAMP, BOOLEAN }

    private ParquetExport() {
    }

    /** Writes every row of the result set (positioned before the first row) and returns how many. */
    static long write(ResultSet rs, OutputStream out) throws SQLException, IOException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        Kind[] kinds = new Kind[n];
        String[] names = new String[n];
        MessageTypeBuilder schema = org.apache.parquet.schema.Types.buildMessage();
        for (int i = 0; i < n; i++) {
            names[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
            kinds[i] = kind(meta, i + 1);
            Type.Repetition repetition = meta.isNullable(i + 1) == ResultSetMetaData.columnNoNulls ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            switch (kinds[i]) {
                case STRING -> schema.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(names[i]);
                case INT64 -> schema.primitive(PrimitiveTypeName.INT64, repetition).named(names[i]);
                case DATE -> schema.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(names[i]);
                case TIMESTAMP -> schema.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(names[i]);
                case BOOLEAN -> schema.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(names[i]);
            }
        }
        MessageType type = schema.named("row");
        long rows = 0;
        try (ParquetWriter<Object[]> writer = new Builder(new StreamOutputFile(out), type).withConf(new PlainParquetConfiguration())
                .withCodecFactory(new JdkGzip()).withCompressionCodec(CompressionCodecName.GZIP).withRowGroupSize((long) ROW_GROUP_BYTES)
                .withDictionaryEncoding(true).build()) {
            Object[] row = new Object[n];
            while (rs.next()) {
                for (int i = 0; i < n; i++) {
                    row[i] = value(rs, i + 1, kinds[i]);
                }
                writer.write(row);
                rows++;
            }
        }
        return rows;
    }

    private static Kind kind(ResultSetMetaData meta, int column) throws SQLException {
        String name = meta.getColumnTypeName(column).toLowerCase(Locale.ROOT);
        return switch (meta.getColumnType(column)) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INT64;
            case Types.DATE -> Kind.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP;
            case Types.BOOLEAN, Types.BIT -> name.startsWith("bool") || meta.getColumnType(column) == Types.BOOLEAN ? Kind.BOOLEAN : Kind.STRING;
            default -> Kind.STRING;
        };
    }

    private static Object value(ResultSet rs, int column, Kind kind) throws SQLException {
        Object v = switch (kind) {
            case STRING -> rs.getString(column);
            case INT64 -> rs.getLong(column);
            case DATE -> {
                LocalDate d = rs.getObject(column, LocalDate.class);
                yield d == null ? null : (int) d.toEpochDay();
            }
            case TIMESTAMP -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                yield t == null ? null : AttributionFacts.micros(t.toInstant());
            }
            case BOOLEAN -> rs.getBoolean(column);
        };
        return rs.wasNull() ? null : v;
    }

    /** Writes an array of column values per row; null values are simply absent (optional columns). */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {

        private final MessageType schema;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, java.util.Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, java.util.Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                String field = schema.getFieldName(i);
                consumer.startField(field, i);
                if (v instanceof String s) {
                    consumer.addBinary(Binary.fromString(s));
                } else if (v instanceof Long l) {
                    consumer.addLong(l);
                } else if (v instanceof Integer d) {
                    consumer.addInteger(d);
                } else if (v instanceof Boolean b) {
                    consumer.addBoolean(b);
                }
                consumer.endField(field, i);
            }
            consumer.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {

        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** A write-once Parquet file over a plain stream (Parquet only appends and asks its position). */
    private static final class StreamOutputFile implements OutputFile {

        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    /** GZIP pages (RFC 1952, Parquet's GZIP codec) with java.util.zip, so no native or Hadoop codec is needed. */
    private static final class JdkGzip implements CompressionCodecFactory {

        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codec) {
            if (codec != CompressionCodecName.GZIP) {
                throw new IllegalArgumentException("only GZIP is offered: " + codec);
            }
            return new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, bytes.size() / 2 + 64));
                    try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
                        bytes.writeAllTo(gzip);
                    }
                    return BytesInput.from(buffer.toByteArray());
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.GZIP;
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
            return new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                    try (GZIPInputStream in = new GZIPInputStream(bytes.toInputStream())) {
                        return BytesInput.from(in.readNBytes(uncompressedSize));
                    }
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
                    byte[] in = new byte[compressedSize];
                    input.get(in);
                    try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
                        output.put(gzip.readNBytes(uncompressedSize));
                    }
                }

                @Override
                public void release() {
                }
            };
        }

        @Override
        public void release() {
        }
    }
}
