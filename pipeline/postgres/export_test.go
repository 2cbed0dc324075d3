package postgres

import "context"

// FromOrders makes the statistics read under ctx aggregate the orders for
// every period, not the rollups.
func FromOrders(ctx context.Context) context.Context {
	return context.WithValue(ctx, fromOrdersKey{}, true)
}
