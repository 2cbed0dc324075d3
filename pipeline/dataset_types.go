package pipeline

// Truth labels one generated order: "clean" or the anomaly planted in it.
type Truth struct {
	OrderNo string
	Label   string // clean, or the rule the anomaly breaks
	Detail  string
}

// Dataset is the portable form of the market's data: what `heshi import` reads
// and `heshi samples` writes (see package samples and README "Dataset format").
type Dataset struct {
	Buyers    []Buyer
	Suppliers []Supplier
	Products  []Product
	Orders    []Order // with their Lines
	// Documents maps an order number and kind to the document's path, relative
	// to the dataset directory (documents/<order_no>/<kind>.<ext>).
	Documents map[string]map[DocKind]string
	Truth     []Truth // generated samples only
	// ReservedShares and Platform832 are the budget units' reserved-share
	// targets and 832-platform purchases by year (optional files).
	ReservedShares []ReservedShare
	Platform832    []Platform832
}

// ImportResult counts what an import wrote.
type ImportResult struct {
	Buyers, Suppliers, Products int
	OrdersNew, OrdersExisting   int
	// OrdersHeld are verified orders sent back to review because the
	// re-import changed a fact of their buyer or supplier.
	OrdersHeld int
}
