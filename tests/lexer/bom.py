print("with BOM")
