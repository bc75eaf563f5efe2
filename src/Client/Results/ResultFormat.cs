namespace OrleansSweep.Client.Results;

public enum ResultFormat { Csv, Jsonl, Parquet }
