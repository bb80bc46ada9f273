"""fogwatch.store"""
