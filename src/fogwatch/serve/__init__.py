"""fogwatch.serve"""
