"""fogwatch.evaluate"""
