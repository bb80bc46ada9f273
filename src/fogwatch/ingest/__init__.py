"""fogwatch.ingest"""
