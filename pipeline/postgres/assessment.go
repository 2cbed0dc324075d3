package postgres

import (
	"context"

	"github.com/heshi-verify/heshi/evidence/money"
	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/postgres/internal/db"
)

// Assessment returns a year's reserved shares and penetration: every
// budget unit's target, its verified purchases here dated in the year and
// its 832-platform purchases, summed by county and city (one snapshot).
func (s *Store) Assessment(ctx context.Context, year int) (*pipeline.Assessment, error) {
	var a *pipeline.Assessment
	err := s.inSnapshot(ctx, func(q *db.Queries) error {
		bucket, _ := pipeline.YearPeriod(year).Bucket() // the year's rollup (migrations/0013)
		rows, err := q.AssessmentUnits(ctx, db.AssessmentUnitsParams{YearBucket: bucket, Year: int32(year)})
		if err != nil {
			return dbError(err, "assessment")
		}
		units := make([]pipeline.UnitShare, len(rows))
		for i, r := range rows {
			units[i] = pipeline.UnitShare{BuyerID: r.ID, Name: r.Name, CountyCode: r.DivisionCode, County: r.County, City: r.CityName,
				Target: money.Fen(r.TargetFen), Here: money.Fen(r.HereFen), On832: money.Fen(r.On832Fen)}
		}
		a = pipeline.NewAssessment(year, units)
		return nil
	})
	return a, err
}
